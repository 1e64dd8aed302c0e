//! The secrets of a private cluster: the superuser's and [`super::OWNER`]'s
//! passwords, one file each in the cluster's folder, readable by their owner
//! only.

use std::io::Write;
use std::path::Path;

use anyhow::Context;

/// The passwords of the superuser and of [`OWNER`], one file each in the
/// cluster's folder, readable by their owner only.
#[derive(Clone)]
pub(super) struct Secrets {
    pub(super) superuser: String,
    pub(super) owner: String,
}

impl Secrets {
    pub(super) const SUPERUSER_FILE: &'static str = "superuser.secret";
    pub(super) const OWNER_FILE: &'static str = "owner.secret";

    /// The secrets kept in `folder`, made now if there are none yet; and
    /// whether they were made now.
    pub(super) fn load_or_create(folder: &Path) -> anyhow::Result<(Self, bool)> {
        let superuser_file = folder.join(Self::SUPERUSER_FILE);
        let owner_file = folder.join(Self::OWNER_FILE);
        if superuser_file.exists() && owner_file.exists() {
            let read = |file: &Path| -> anyhow::Result<String> {
                Ok(std::fs::read_to_string(file)
                    .with_context(|| format!("cannot read {}", file.display()))?
                    .trim()
                    .to_owned())
            };
            return Ok((
                Secrets {
                    superuser: read(&superuser_file)?,
                    owner: read(&owner_file)?,
                },
                false,
            ));
        }
        let secrets = Secrets {
            superuser: new_secret()?,
            owner: new_secret()?,
        };
        write_private(&superuser_file, &secrets.superuser)?;
        write_private(&owner_file, &secrets.owner)?;
        Ok((secrets, true))
    }
}

/// 32 random bytes, as hex.
fn new_secret() -> anyhow::Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::getrandom(&mut bytes)?;
    Ok(hex::encode(bytes))
}

/// Writes `text` to `file`, readable and writable by its owner only.
pub(super) fn write_private(file: &Path, text: &str) -> anyhow::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    let mut out = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(file)
        .with_context(|| format!("cannot write {}", file.display()))?;
    writeln!(out, "{text}")?;
    Ok(())
}
