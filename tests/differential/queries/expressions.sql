-- Scalar expressions: CASE, CAST, COALESCE, NULLIF, BETWEEN, IN lists,
-- LIKE/ILIKE, IS [NOT] NULL, arithmetic and the string functions, on values
-- from each source (where they may or may not be pushed).

-- name: body_mass_index_of_lab_patients
SELECT v.vital_sign_id, v.weight_lb, v.height_in,
       CASE WHEN v.height_in IS NULL OR v.height_in = 0 THEN NULL
            ELSE 703 * v.weight_lb / (v.height_in * v.height_in) END AS bmi
FROM ehr.vital_sign v
WHERE v.patient_id IN (SELECT p.patient_id FROM ehr.patient p JOIN lab.patient l ON l.ehr_mrn = p.mrn WHERE l.zip LIKE '4501%')

-- name: sex_labels_simple_case
SELECT CASE sex WHEN 'F' THEN 'female' WHEN 'M' THEN 'male' ELSE 'unknown' END AS label, count(*) AS people
FROM (SELECT sex FROM ehr.patient
      UNION ALL
      SELECT CASE gender WHEN 'Male' THEN 'M' WHEN 'Female' THEN 'F' END FROM pharmacy.customer) s
GROUP BY 1

-- name: lab_sex_labels_simple_case
SELECT CASE sex WHEN 'F' THEN 'female' WHEN 'M' THEN 'male' ELSE 'unknown' END AS label, count(*) AS patients
FROM lab.patient
GROUP BY 1

-- name: text_dob_to_date
SELECT l.lab_patient_id, CAST(substr(l.dob, 7, 4) AS integer) AS birth_year,
       CAST(substr(l.dob, 7, 4) || '-' || substr(l.dob, 1, 2) || '-' || substr(l.dob, 4, 2) AS date) AS lab_born,
       p.birth_date AS ehr_born,
       CAST(substr(l.dob, 7, 4) || '-' || substr(l.dob, 1, 2) || '-' || substr(l.dob, 4, 2) AS date) = p.birth_date AS same
FROM lab.patient l
JOIN ehr.patient p ON p.mrn = l.ehr_mrn
WHERE l.zip LIKE '410%'

-- name: value_with_unit_text
SELECT result_id, result_value || ' ' || units AS shown, CAST(result_value AS text) AS value_text
FROM lab.lab_result
WHERE lab_patient_id = 1000026

-- name: double_to_text
SELECT vital_sign_id, CAST(CAST(temperature_f AS double precision) / 3 AS text) AS third, CAST(weight_lb AS text) AS w
FROM ehr.vital_sign
WHERE patient_id = 101

-- name: coalesce_pushed_to_mariadb
SELECT result_id, coalesce(abnormal_flag, 'N') AS flag, coalesce(abnormal_flag, performing_site) AS flag_or_site
FROM lab.lab_result
WHERE lab_patient_id IN (1000026, 1000709)

-- name: coalesce_and_nullif
SELECT result_id, coalesce(abnormal_flag, 'N') AS flag, nullif(performing_site, 'MAIN') AS outside_main,
       coalesce(nullif(abnormal_flag, 'H'), 'not high') AS not_high
FROM lab.lab_result
WHERE lab_patient_id IN (1000026, 1000709)

-- name: coalesce_computed_locally
SELECT customer_id, lower(coalesce(middle_initial, '?')) AS initial, coalesce(middle_initial, gender, 'none') || '.' AS tag
FROM pharmacy.customer
WHERE state = 'KY'

-- name: not_between
SELECT p.state, count(*) AS out_of_range
FROM lab.lab_result r
JOIN lab.patient l ON l.lab_patient_id = r.lab_patient_id
JOIN ehr.patient p ON p.mrn = l.ehr_mrn
WHERE r.test_code = 'K' AND r.result_value NOT BETWEEN 3.5 AND 5.1
GROUP BY p.state

-- name: not_in_list_with_null
SELECT count(*) AS never
FROM ehr.patient
WHERE patient_id NOT IN (1, 2, NULL)

-- name: in_list_of_dates
SELECT customer_id, date_of_birth
FROM pharmacy.customer
WHERE date_of_birth IN (date '1948-03-07', date '1997-08-29', date '1991-01-01', date '1966-07-03')

-- name: like_wildcards
SELECT p.mrn, p.phone, l.phone AS lab_phone
FROM ehr.patient p
JOIN lab.patient l ON l.ehr_mrn = p.mrn
WHERE p.mrn LIKE 'RV_0%' AND l.phone NOT LIKE '(513)%'

-- name: like_with_escaped_underscore
SELECT count(*) AS matches
FROM lab.lab_result
WHERE test_code LIKE 'PT\_%'

-- name: ilike_across_sources
SELECT p.mrn, c.customer_id
FROM ehr.patient p
JOIN pharmacy.customer c ON c.date_of_birth = p.birth_date
WHERE c.last_name ILIKE 'mc%' AND lower(c.first_name) = lower(p.given_name)

-- name: null_tests
SELECT (middle_name IS NULL) AS no_middle, (sex IS NOT NULL) AS has_sex, count(*) AS patients
FROM ehr.patient
GROUP BY 1, 2

-- name: null_tests_in_sqlite
SELECT customer_id, middle_initial IS NULL AS no_initial, gender
FROM pharmacy.customer
WHERE gender IS NULL OR (middle_initial IS NULL AND state = 'KY')

-- name: arithmetic_precedence
SELECT dispensing_id, -days_supply AS neg, days_supply * 2 + fill_number AS a, days_supply * (2 + fill_number) AS b,
       (quantity - 10) * 1.5 AS c, quantity / 4 AS d, days_supply / 4 AS e, fill_number % 3 AS f
FROM pharmacy.dispensing
WHERE customer_id = 5000077

-- name: arithmetic_pushed_to_postgres
SELECT vital_sign_id, systolic_mmhg / diastolic_mmhg AS ratio_int, (systolic_mmhg + 2 * diastolic_mmhg) / 3 AS map_int,
       weight_lb / height_in AS per_inch, pulse_bpm % 10 AS last_digit, -temperature_f AS neg
FROM ehr.vital_sign
WHERE patient_id = 101 AND height_in IS NOT NULL

-- name: pushed_integer_division_then_floor
SELECT vital_sign_id, floor(ratio) AS whole_ratio, floor(map) AS whole_map
FROM (SELECT vital_sign_id, systolic_mmhg / diastolic_mmhg AS ratio, (systolic_mmhg + 2 * diastolic_mmhg) / 3 AS map
      FROM ehr.vital_sign
      WHERE patient_id IN (101, 498, 741)) t

-- name: pushed_integer_division_of_bigints
SELECT medication_order_id, days_supply / 7 AS weeks, refills / 2 AS half_refills, -days_supply / 7 AS negative_weeks
FROM ehr.medication_order
WHERE patient_id < 30

-- name: string_functions_on_ehr
SELECT patient_id, lower(family_name) AS lo, upper(given_name) AS up, substr(mrn, 3) AS digits,
       substr(phone, 1, 3) AS area, length(address_line) AS len, strpos(address_line, ' ') AS first_space,
       replace(phone, '-', '') AS digits_only
FROM ehr.patient
WHERE city = 'Aurora'

-- name: string_functions_on_lab
SELECT l.lab_patient_id, lower(l.patient_name) AS lo, substr(l.patient_name, 1, strpos(l.patient_name, ',') - 1) AS family,
       trim(substr(l.patient_name, strpos(l.patient_name, ',') + 1)) AS given, length(l.phone) AS len,
       replace(replace(replace(replace(l.phone, '(', ''), ')', ''), ' ', ''), '-', '') AS digits,
       upper(p.family_name) = substr(l.patient_name, 1, strpos(l.patient_name, ',') - 1) AS same_family
FROM lab.patient l
JOIN ehr.patient p ON p.mrn = l.ehr_mrn
WHERE l.zip IN ('45405', '45406')

-- name: substr_edge_positions
SELECT customer_id, substr(last_name, 0, 3) AS from_zero, substr(last_name, 2) AS tail, substr(last_name, 4, 100) AS long_tail,
       substr(first_name, 1, 0) AS empty
FROM pharmacy.customer
WHERE state = 'KY' AND city = 'COVINGTON'

-- name: trims
SELECT customer_id, trim('0' FROM phone) AS both_zeros, ltrim(phone, '5') AS no_leading_5, rtrim(address_line, '0123456789 ') AS r,
       btrim('  ' || city || '  ') AS c
FROM pharmacy.customer
WHERE postal_code LIKE '4501%'

-- name: concat_and_nulls
SELECT p.patient_id, concat(p.given_name, ' ', p.middle_name) AS c1, p.given_name || ' ' || p.middle_name AS c2,
       concat(p.mrn, '/', l.lab_patient_id, '/', l.sex) AS c3, p.mrn || '/' || l.sex AS c4
FROM ehr.patient p
LEFT JOIN lab.patient l ON l.ehr_mrn = p.mrn
WHERE p.patient_id <= 40

-- name: concat_in_sqlite_and_mariadb
SELECT c.customer_id, c.first_name || ' ' || c.middle_initial AS first_mid, l.lab_patient_id, l.patient_name || ' / ' || l.ehr_mrn AS tagged
FROM pharmacy.customer c
JOIN lab.patient l ON substr(l.patient_name, 1, strpos(l.patient_name, ',') - 1) = c.last_name
WHERE c.state = 'IN'

-- name: numeric_functions
SELECT result_id, abs(result_value - 5) AS dist, floor(result_value) AS fl, ceil(result_value) AS ce,
       round(result_value) AS r0, round(result_value, 1) AS r1, round(result_value, -1) AS rm1
FROM lab.lab_result
WHERE test_code IN ('A1C', 'HBA1C') AND lab_patient_id < 1000100

-- name: boolean_results
SELECT result_id, result_value > 7 AS high, abnormal_flag IS NULL AS normal, test_code = 'A1C' AND result_value > 9 AS very_high
FROM lab.lab_result
WHERE test_code IN ('A1C', 'HBA1C') AND lab_patient_id < 1000150

-- name: greatest_and_least
SELECT vital_sign_id, greatest(systolic_mmhg, 140) AS capped_low, least(diastolic_mmhg, 90) AS capped_high,
       greatest(weight_lb, height_in, 100) AS g
FROM ehr.vital_sign
WHERE patient_id = 498

-- name: conditional_counts
SELECT p.state, r.performing_site,
       sum(CASE WHEN r.abnormal_flag = 'H' THEN 1 ELSE 0 END) AS high,
       sum(CASE WHEN r.abnormal_flag = 'L' THEN 1 ELSE 0 END) AS low,
       count(CASE WHEN r.abnormal_flag IS NULL THEN 1 END) AS normal
FROM lab.lab_result r
JOIN lab.patient l ON l.lab_patient_id = r.lab_patient_id
JOIN ehr.patient p ON p.mrn = l.ehr_mrn
GROUP BY p.state, r.performing_site

-- name: case_insensitive_name_match
SELECT p.mrn, l.patient_name
FROM ehr.patient p
JOIN lab.patient l ON l.ehr_mrn = p.mrn
WHERE lower(l.patient_name) NOT LIKE lower(p.family_name) || ',%'

-- name: case_insensitive_name_mismatch
SELECT p.mrn, l.patient_name
FROM ehr.patient p
JOIN lab.patient l ON l.ehr_mrn = p.mrn
WHERE lower(substr(l.patient_name, 1, strpos(l.patient_name, ',') - 1)) <> lower(p.family_name)

-- name: cast_round_trips
SELECT dispensing_id, CAST(days_supply AS text) AS t, CAST(CAST(days_supply AS text) AS integer) + 1 AS back,
       CAST(quantity AS integer) AS q, CAST(dispensed_on AS timestamp) AS ts, CAST('2026-02-28' AS date) + 1 AS next_day
FROM pharmacy.dispensing
WHERE dispensing_id <= 20

-- name: numeric_literal_comparisons
SELECT test_code, count(*) AS n
FROM lab.lab_result
WHERE result_value > 5.55 AND result_value <= 1e2 AND result_value <> 6
GROUP BY test_code

-- name: three_valued_logic
SELECT (abnormal_flag = 'H') OR (result_value > 100) AS high_or_big, (abnormal_flag = 'H') AND (result_value > 100) AS high_and_big,
       NOT (abnormal_flag IN ('H', NULL)) AS not_high, count(*) AS results
FROM lab.lab_result
GROUP BY 1, 2, 3

-- name: negated_conditions_with_nulls
SELECT count(*) AS results
FROM lab.lab_result
WHERE NOT (abnormal_flag = 'H' OR result_value > 100) AND NOT (abnormal_flag IN ('L', NULL))

-- name: concat_prints_booleans_like_postgres
SELECT result_id, concat('above 5: ', result_value > 5) AS note
FROM lab.lab_result
WHERE lab_patient_id = 1000026

-- name: boolean_cast_to_text
SELECT result_id, CAST(result_value > 5 AS text) AS above_5
FROM lab.lab_result
WHERE lab_patient_id = 1000026

-- name: null_scalar_subquery_in_arithmetic
SELECT mrn, (SELECT max(result_value) FROM lab.lab_result WHERE test_code = 'NONE') + 1 AS nothing_plus_one,
       coalesce((SELECT max(result_value) FROM lab.lab_result WHERE test_code = 'NONE'), -1) AS defaulted
FROM ehr.patient
WHERE patient_id < 5

-- name: names_compared_across_systems
SELECT p.mrn, c.customer_id, upper(p.given_name) = c.first_name AS same_first,
       length(p.given_name) - length(c.first_name) AS length_difference,
       CASE WHEN p.middle_name IS NULL THEN c.middle_initial ELSE substr(upper(p.middle_name), 1, 1) END AS initial
FROM ehr.patient p
JOIN pharmacy.customer c ON c.last_name = upper(p.family_name) AND c.date_of_birth = p.birth_date
WHERE p.state = 'KY'

-- name: addresses_normalized_across_systems
SELECT p.mrn, upper(p.address_line) = c.address_line AS same_street, p.zip = substr(c.postal_code, 1, 5) AS same_zip,
       upper(p.city) || ', ' || p.state AS ehr_place, c.city || ', ' || c.state AS pharmacy_place
FROM ehr.patient p
JOIN pharmacy.customer c ON c.last_name = upper(p.family_name) AND c.date_of_birth = p.birth_date
WHERE p.city IN ('Hamilton', 'Aurora')

-- name: arithmetic_across_sources
SELECT m.medication_order_id, d.dispensing_id, d.quantity - m.quantity AS quantity_difference,
       d.days_supply * 2 - m.days_supply AS days_check, m.quantity * d.fill_number AS running_quantity
FROM ehr.medication_order m
JOIN ehr.patient p ON p.patient_id = m.patient_id
JOIN pharmacy.customer c ON c.last_name = upper(p.family_name) AND c.date_of_birth = p.birth_date
JOIN pharmacy.dispensing d ON d.customer_id = c.customer_id AND d.dispensed_on = m.start_date
WHERE p.state = 'IN'

-- name: like_pattern_from_another_source
SELECT c.customer_id, l.lab_patient_id
FROM pharmacy.customer c
JOIN lab.patient l ON l.ehr_mrn IS NOT NULL AND substr(l.dob, 7, 4) = CAST(extract(year FROM c.date_of_birth) AS text)
WHERE l.patient_name LIKE c.last_name || ',%' AND c.state = 'IN'

-- name: ilike_pattern_from_a_column
SELECT p.mrn, p.family_name, p.city
FROM ehr.patient p
WHERE p.city ILIKE substr(p.family_name, 1, 1) || '%'

-- name: not_like_pattern_with_underscore_from_a_column
SELECT count(*) AS n
FROM ehr.patient p
WHERE p.given_name NOT LIKE '%' || substr(p.family_name, 2, 1) || '_%'
