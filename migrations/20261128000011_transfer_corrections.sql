-- Correcting a transfer's date moves both holdings it joins and the transfer
-- in one transaction; the foreign keys tying them are checked at commit, so
-- the three may pass through a state where they disagree.
alter table holdings alter constraint holdings_started_by_transfer_fkey deferrable initially immediate;
alter table holdings alter constraint holdings_ended_by_transfer_fkey deferrable initially immediate;
alter table holdings alter constraint holdings_started_by_transfer_item_fkey deferrable initially immediate;
alter table holdings alter constraint holdings_ended_by_transfer_item_fkey deferrable initially immediate;

-- The known schema's views list the tables' columns as they were when
-- they were created: a migration that adds a column to a tracked table must
-- recreate its view (see 20261128000010).
