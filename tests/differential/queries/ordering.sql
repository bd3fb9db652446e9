-- ORDER BY (directions, NULLS FIRST/LAST and PostgreSQL's defaults: NULLs
-- sort as larger than any value), LIMIT/OFFSET and DISTINCT, in each source
-- and above joins. Queries marked ordered have an ORDER BY that fixes every
-- row's place.

-- name: missing_middle_names_first
-- ordered
SELECT patient_id, middle_name
FROM ehr.patient
ORDER BY middle_name NULLS FIRST, patient_id
LIMIT 30

-- name: unknown_sex_last_descending
-- ordered
SELECT patient_id, sex
FROM ehr.patient
ORDER BY sex DESC NULLS LAST, patient_id DESC
LIMIT 10 OFFSET 985

-- name: descending_puts_nulls_first_by_default
-- ordered
SELECT customer_id, middle_initial
FROM pharmacy.customer
ORDER BY middle_initial DESC, customer_id
LIMIT 15

-- name: ascending_puts_nulls_last_by_default
-- ordered
SELECT lab_patient_id, ehr_mrn
FROM lab.patient
ORDER BY ehr_mrn, lab_patient_id
LIMIT 30 OFFSET 480

-- name: oldest_linked_patients
-- ordered
SELECT p.mrn, p.birth_date, l.lab_patient_id
FROM ehr.patient p
JOIN lab.patient l ON l.ehr_mrn = p.mrn
ORDER BY p.birth_date, p.mrn, l.lab_patient_id
LIMIT 25

-- name: longest_names_in_ehr_and_pharmacy
-- ordered
SELECT name, src, id
FROM (SELECT last_name || ', ' || first_name AS name, 'pharmacy' AS src, customer_id AS id FROM pharmacy.customer
      UNION ALL
      SELECT upper(family_name) || ', ' || upper(given_name), 'ehr', patient_id FROM ehr.patient) n
ORDER BY length(name) DESC, name, src, id
LIMIT 20

-- name: ordinal_and_alias
-- ordered
SELECT drug_name AS drug, count(*) AS fills
FROM pharmacy.dispensing
GROUP BY 1
ORDER BY 2 DESC, 1
LIMIT 5

-- name: sort_keys_not_selected
-- ordered
SELECT p.mrn
FROM ehr.patient p
JOIN lab.patient l ON l.ehr_mrn = p.mrn
WHERE p.state = 'KY'
ORDER BY l.dob, p.birth_date, p.patient_id, l.lab_patient_id

-- name: offset_without_limit
-- ordered
SELECT result_id, result_value
FROM lab.lab_result
WHERE test_code = 'BNP'
ORDER BY result_id
OFFSET 300

-- name: limit_zero_counted
SELECT count(*) AS n
FROM (SELECT * FROM ehr.patient LIMIT 0) t

-- name: units_in_byte_order
-- ordered
SELECT DISTINCT unit
FROM ehr.lab_result
ORDER BY unit

-- name: towns
-- ordered
SELECT DISTINCT city, state
FROM (SELECT upper(city) AS city, state FROM ehr.patient UNION ALL SELECT city, state FROM pharmacy.customer) t
ORDER BY state, city

-- name: most_dispensed_ehr_patients
-- ordered
SELECT p.mrn, count(*) AS fills
FROM ehr.patient p
JOIN pharmacy.customer c ON c.last_name = upper(p.family_name) AND c.date_of_birth = p.birth_date
JOIN pharmacy.dispensing d ON d.customer_id = c.customer_id
GROUP BY p.mrn
ORDER BY fills DESC, p.mrn
LIMIT 10

-- name: newest_registrations_joined_to_lab
SELECT t.mrn, l.lab_patient_id
FROM (SELECT mrn FROM ehr.patient ORDER BY registered_on DESC, patient_id LIMIT 50) t
JOIN lab.patient l ON l.ehr_mrn = t.mrn

-- name: heart_failure_abatement_order
-- ordered
SELECT condition_id, abatement_date
FROM ehr.condition
WHERE icd10_code LIKE 'I50%'
ORDER BY abatement_date DESC NULLS LAST, condition_id

-- name: mixed_directions
-- ordered
SELECT p.mrn, r.test_code, r.collected_at, r.result_id
FROM lab.lab_result r
JOIN lab.patient l ON l.lab_patient_id = r.lab_patient_id
JOIN ehr.patient p ON p.mrn = l.ehr_mrn
WHERE p.city = 'Aurora' AND r.test_code IN ('GLU', 'K')
ORDER BY p.mrn, r.test_code ASC, r.collected_at DESC, r.result_id

-- name: distinct_sex_state_pairs
SELECT DISTINCT p.sex, c.state
FROM ehr.patient p
JOIN pharmacy.customer c ON c.last_name = upper(p.family_name) AND c.date_of_birth = p.birth_date

-- name: text_sort_of_mariadb_names
-- ordered
SELECT lab_patient_id, patient_name
FROM lab.patient
WHERE zip = '45013'
ORDER BY patient_name DESC, lab_patient_id
LIMIT 25

-- name: sorted_union_across_sources
-- ordered
SELECT upper(city) AS town FROM ehr.patient
UNION
SELECT city FROM pharmacy.customer
ORDER BY town

-- name: top_n_after_local_filter
-- ordered
SELECT result_id, test_code, result_value
FROM lab.lab_result
WHERE units = 'mg/dL' AND result_value > 200
ORDER BY result_value DESC, result_id
LIMIT 7

-- name: order_by_expression_nulls_first
-- ordered
SELECT vital_sign_id, height_in
FROM ehr.vital_sign
WHERE patient_id = 101
ORDER BY height_in * 2.54 ASC NULLS FIRST, vital_sign_id

-- name: deep_offset_local_sort
-- ordered
SELECT r.result_id, p.patient_name
FROM lab.lab_result r
JOIN lab.patient p ON p.lab_patient_id = r.lab_patient_id
ORDER BY p.patient_name, r.result_id
LIMIT 10 OFFSET 9000

-- name: deep_offset_pushed_sort
-- ordered
SELECT result_id, result_value
FROM lab.lab_result
ORDER BY result_value DESC, result_id
LIMIT 5 OFFSET 15000

-- name: most_results_per_ehr_patient
-- ordered
SELECT p.mrn, count(*) AS results
FROM lab.lab_result r
JOIN lab.patient l ON l.lab_patient_id = r.lab_patient_id
JOIN ehr.patient p ON p.mrn = l.ehr_mrn
GROUP BY p.mrn
ORDER BY results DESC, p.mrn
LIMIT 12

-- name: unmatched_first_after_left_join
-- ordered
SELECT p.patient_id, p.mrn, l.lab_patient_id
FROM ehr.patient p
LEFT JOIN lab.patient l ON l.ehr_mrn = p.mrn
WHERE p.state = 'IN'
ORDER BY l.lab_patient_id NULLS FIRST, p.patient_id
LIMIT 30

-- name: page_of_a_cross_source_listing
-- ordered
SELECT c.customer_id, p.mrn, c.last_name
FROM pharmacy.customer c
JOIN ehr.patient p ON upper(p.family_name) = c.last_name AND p.birth_date = c.date_of_birth
ORDER BY c.last_name DESC, c.customer_id, p.mrn
LIMIT 15 OFFSET 100
