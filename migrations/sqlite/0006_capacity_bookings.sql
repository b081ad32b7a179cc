-- The load that open orders book, summed per product and delivery day: what
-- the feasibility check reads. Summing it from the order lines on every
-- check scanned every open line of the ordered products (1.1 s at 300,000
-- open orders, and queued under load; docs/benchmarks.md, session 5). Kept
-- in the same transaction as each transition that books or releases
-- capacity (orders::server::store::rebook); rebuilt whole by loaders that
-- write orders directly (the demo history, the bench generator).
CREATE TABLE capacity_bookings (
    product_id  INTEGER NOT NULL REFERENCES products (id),
    due         TEXT NOT NULL,
    quantity    INTEGER NOT NULL,
    CONSTRAINT capacity_bookings_pkey PRIMARY KEY (product_id, due)
);

INSERT INTO capacity_bookings (product_id, due, quantity)
SELECT l.product_id, COALESCE(o.promised_date, l.requested_date, o.requested_date), SUM(l.quantity)
FROM order_lines l JOIN orders o ON o.id = l.order_id AND l.version = o.version
WHERE o.status IN ('submitted', 'countered', 'confirmed', 'in_production')
  AND COALESCE(o.promised_date, l.requested_date, o.requested_date) IS NOT NULL
GROUP BY l.product_id, COALESCE(o.promised_date, l.requested_date, o.requested_date);
