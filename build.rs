// The migrations are embedded in the binary (`sqlx::migrate!`): a new or
// changed migration must rebuild it, as sqlx's `migrate build-script` says.
fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
