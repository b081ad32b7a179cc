-- An account's open value (its orders that count against the credit limit)
-- is summed on every feasibility check: from this index alone, without
-- reading the orders (0.20–0.28 s for the largest account of the
-- 1,000,000-order bench data set on PostgreSQL before; docs/benchmarks.md).
CREATE INDEX orders_account_status_total ON orders (account_id, status, total_minor);
