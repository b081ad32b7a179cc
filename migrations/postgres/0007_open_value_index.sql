-- An account's open value (its orders that count against the credit limit)
-- is summed on every feasibility check: from this index alone, without
-- reading the orders (0.20–0.28 s for the largest account of the
-- 1,000,000-order bench data set on PostgreSQL before; docs/benchmarks.md).
-- Partial, on the open statuses only: an index on (account_id, status, …)
-- over every order was chosen by SQLite for the orders list too, which
-- then sorted each account's orders instead of walking (account_id, id):
-- the list page fell from 1,930 to 50 req/s.
CREATE INDEX orders_open_value ON orders (account_id, total_minor)
    WHERE status IN ('submitted', 'countered', 'confirmed', 'in_production', 'partially_shipped', 'shipped');
