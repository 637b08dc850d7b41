-- Historical imports are idempotent (the admin's own id; the same id twice is one import),
-- never overlap for one provider, and can be withdrawn (kept, marked, taken out of the rollups).
ALTER TABLE ledger_import ADD COLUMN import_id text;
UPDATE ledger_import SET import_id = id::text;
ALTER TABLE ledger_import ALTER COLUMN import_id SET NOT NULL;
ALTER TABLE ledger_import ADD CONSTRAINT ledger_import_import_id UNIQUE (import_id);
ALTER TABLE ledger_import ADD COLUMN imported_by text;
ALTER TABLE ledger_import ADD COLUMN withdrawn_at timestamptz;
ALTER TABLE ledger_import ADD COLUMN withdrawn_by text;
ALTER TABLE ledger_import ADD COLUMN withdraw_reason text;
CREATE INDEX ledger_import_provider ON ledger_import (provider_code, period_start);

-- Reports read the detail of the partial hours at a period's edges. A BRIN index fits rows that
-- arrive in time order and costs next to nothing per insert, unlike a B-tree.
CREATE INDEX ledger_entry_received_brin ON ledger_entry USING brin (received_at);
