-- Queries on the pharmacy alone, a SQLite file in the federated
-- configuration: SQLite's LIKE ignores case, it stores dates as text and has
-- no interval arithmetic, so these test what is pushed into it and what the
-- engine keeps.

-- name: fills_per_drug
-- ordered
SELECT drug_name, count(*) AS fills
FROM pharmacy.dispensing
GROUP BY drug_name
ORDER BY fills DESC, drug_name

-- name: customers_by_state_and_gender
SELECT state, gender, count(*) AS customers
FROM pharmacy.customer
GROUP BY state, gender

-- name: like_is_case_sensitive
SELECT (SELECT count(*) FROM pharmacy.dispensing WHERE drug_name LIKE '%tablet%') AS lower_pattern,
       (SELECT count(*) FROM pharmacy.dispensing WHERE drug_name LIKE '%TABLET%') AS upper_pattern

-- name: ilike_metformin
SELECT drug_name, ndc, count(*) AS fills
FROM pharmacy.dispensing
WHERE drug_name ILIKE '%metformin%'
GROUP BY drug_name, ndc

-- name: first_week_of_october
SELECT dispensing_id, customer_id, drug_name, dispensed_on
FROM pharmacy.dispensing
WHERE dispensed_on BETWEEN date '2026-10-01' AND date '2026-10-07'

-- name: run_out_dates
SELECT dispensing_id, dispensed_on, dispensed_on + 30 AS runs_out, dispensed_on - 7 AS week_before
FROM pharmacy.dispensing
WHERE customer_id IN (5000077, 5000138, 5000147)

-- name: long_refill_chains
SELECT rx_number, max(fill_number) AS last_fill, count(*) AS fills
FROM pharmacy.dispensing
GROUP BY rx_number
HAVING count(*) >= 10

-- name: quantity_statistics
SELECT drug_name, avg(quantity) AS mean_qty, sum(quantity) AS total_qty, min(quantity) AS min_qty,
       max(days_supply) AS max_days
FROM pharmacy.dispensing
GROUP BY drug_name

-- name: missing_middle_initials_first
-- ordered
SELECT customer_id, middle_initial
FROM pharmacy.customer
ORDER BY middle_initial NULLS FIRST, customer_id
LIMIT 30

-- name: unknown_gender_last
-- ordered
SELECT customer_id, gender, date_of_birth
FROM pharmacy.customer
ORDER BY gender DESC NULLS LAST, date_of_birth, customer_id
LIMIT 20 OFFSET 580

-- name: prescribers
-- ordered
SELECT DISTINCT prescriber
FROM pharmacy.dispensing
ORDER BY prescriber

-- name: warfarin_customers
SELECT c.last_name, c.first_name, count(*) AS fills
FROM pharmacy.customer c
JOIN pharmacy.dispensing d ON d.customer_id = c.customer_id
WHERE d.drug_name = 'WARFARIN SODIUM 5 MG TABLET'
GROUP BY c.last_name, c.first_name

-- name: customers_per_zip5
SELECT substr(postal_code, 1, 5) AS zip5, count(*) AS customers
FROM pharmacy.customer
GROUP BY substr(postal_code, 1, 5)

-- name: zip_plus_four_addresses
SELECT customer_id, length(address_line) AS address_length, upper(lower(city)) AS city, trim(address_line) AS address
FROM pharmacy.customer
WHERE length(postal_code) > 5

-- name: drugs_with_several_ndcs
SELECT drug_name, count(DISTINCT ndc) AS ndcs
FROM pharmacy.dispensing
GROUP BY drug_name
HAVING count(DISTINCT ndc) > 1

-- name: customers_never_dispensed
SELECT c.customer_id, c.last_name
FROM pharmacy.customer c
LEFT JOIN pharmacy.dispensing d ON d.customer_id = c.customer_id
WHERE d.dispensing_id IS NULL

-- name: integer_arithmetic_kept_local
SELECT dispensing_id, quantity, days_supply, days_supply / 7 AS weeks, days_supply % 7 AS extra_days,
       quantity / days_supply AS per_day
FROM pharmacy.dispensing
WHERE dispensed_on = date '2026-10-31'

-- name: fills_per_month
SELECT date_trunc('month', dispensed_on) AS month, count(*) AS fills, count(DISTINCT customer_id) AS customers
FROM pharmacy.dispensing
GROUP BY date_trunc('month', dispensed_on)

-- name: supply_bands
SELECT CASE WHEN days_supply >= 90 THEN 'long' WHEN days_supply >= 30 THEN 'month' ELSE 'short' END AS band,
       count(*) AS fills
FROM pharmacy.dispensing
GROUP BY 1

-- name: full_join_first_fills
SELECT count(*) AS pairs, count(c.customer_id) AS customers, count(d.dispensing_id) AS first_fills
FROM pharmacy.customer c
FULL JOIN pharmacy.dispensing d ON d.customer_id = c.customer_id AND d.fill_number = 1

-- name: indiana_defaults
SELECT customer_id, coalesce(middle_initial, '-') AS middle, nullif(gender, 'Male') AS not_male
FROM pharmacy.customer
WHERE state = 'IN'

-- name: limit_without_order_counted
SELECT count(*) AS fills
FROM (SELECT dispensing_id FROM pharmacy.dispensing WHERE days_supply = 90 LIMIT 50) t

-- name: refills_of_indiana_customers
SELECT c.customer_id, x.refill_id, x.fill_number
FROM pharmacy.customer c
JOIN (SELECT first.customer_id, later.dispensing_id AS refill_id, later.fill_number
      FROM pharmacy.dispensing first
      JOIN pharmacy.dispensing later ON later.rx_number = first.rx_number AND later.fill_number > first.fill_number
      WHERE first.fill_number = 1) x ON x.customer_id = c.customer_id
WHERE c.state = 'IN'

-- name: overfill_tolerance_exact_decimals
SELECT drug_name, quantity, quantity * 1.1 AS with_overfill, quantity - 0.5 AS less_half, count(*) AS fills
FROM pharmacy.dispensing
WHERE quantity * 1.1 = 3.3 OR quantity - 0.7 = 0.3
GROUP BY drug_name, quantity
