-- Joins between sources: the EHR (PostgreSQL) and the lab (MariaDB) share
-- the MRN the EHR put on its orders (lab.patient.ehr_mrn); the pharmacy
-- (SQLite) shares nothing but demographics, so it is matched on name and
-- birth date. Every join type, with conditions in ON and in WHERE.

-- name: ehr_lab_by_mrn
SELECT p.mrn, p.family_name, l.patient_name, l.dob
FROM ehr.patient p
JOIN lab.patient l ON l.ehr_mrn = p.mrn

-- name: left_join_indiana_patients_to_lab
SELECT p.mrn, p.city, l.lab_patient_id
FROM ehr.patient p
LEFT JOIN lab.patient l ON l.ehr_mrn = p.mrn
WHERE p.state = 'IN'

-- name: right_join_lab_patients_to_ehr
SELECT p.mrn, l.lab_patient_id, l.patient_name
FROM ehr.patient p
RIGHT JOIN lab.patient l ON l.ehr_mrn = p.mrn
WHERE l.zip LIKE '452%'

-- name: full_join_ehr_pharmacy_by_name_and_birth
SELECT p.patient_id, c.customer_id
FROM ehr.patient p
FULL JOIN pharmacy.customer c ON c.last_name = upper(p.family_name) AND c.date_of_birth = p.birth_date

-- name: full_join_match_counts
SELECT count(*) AS rows_out, count(p.patient_id) AS ehr_side, count(c.customer_id) AS pharmacy_side
FROM ehr.patient p
FULL JOIN pharmacy.customer c ON c.last_name = upper(p.family_name) AND c.date_of_birth = p.birth_date

-- name: cross_join_sexes_and_prescribers
SELECT s.sex, d.prescriber
FROM (SELECT DISTINCT sex FROM ehr.patient WHERE sex IS NOT NULL) s
CROSS JOIN (SELECT DISTINCT prescriber FROM pharmacy.dispensing) d

-- name: lab_pharmacy_by_text_dob_and_name
SELECT l.lab_patient_id, c.customer_id, l.patient_name, c.last_name, c.first_name
FROM lab.patient l
JOIN pharmacy.customer c
  ON substr(l.dob, 7, 4) || '-' || substr(l.dob, 1, 2) || '-' || substr(l.dob, 4, 2) = CAST(c.date_of_birth AS text)
 AND l.patient_name LIKE c.last_name || ', %'

-- name: lab_pharmacy_by_text_dob_and_family
SELECT l.lab_patient_id, c.customer_id, l.patient_name, c.last_name, c.first_name
FROM lab.patient l
JOIN pharmacy.customer c
  ON substr(l.dob, 7, 4) || '-' || substr(l.dob, 1, 2) || '-' || substr(l.dob, 4, 2) = CAST(c.date_of_birth AS text)
 AND substr(l.patient_name, 1, strpos(l.patient_name, ',') - 1) = c.last_name

-- name: three_sources_one_person
SELECT p.mrn, l.lab_patient_id, c.customer_id
FROM ehr.patient p
JOIN lab.patient l ON l.ehr_mrn = p.mrn
JOIN pharmacy.customer c ON c.last_name = upper(p.family_name) AND c.date_of_birth = p.birth_date

-- name: a1c_counts_with_outer_joins
SELECT p.mrn, count(r.result_id) AS a1c_results
FROM ehr.patient p
LEFT JOIN lab.patient l ON l.ehr_mrn = p.mrn
LEFT JOIN lab.lab_result r ON r.lab_patient_id = l.lab_patient_id AND r.test_code = 'HBA1C'
GROUP BY p.mrn

-- name: left_join_condition_on_preserved_side
SELECT p.mrn, p.sex, l.lab_patient_id
FROM ehr.patient p
LEFT JOIN lab.patient l ON l.ehr_mrn = p.mrn AND p.sex = 'F'
WHERE p.city = 'Hamilton'

-- name: elderly_without_lab_record
SELECT p.mrn, p.birth_date
FROM ehr.patient p
LEFT JOIN lab.patient l ON l.ehr_mrn = p.mrn
WHERE l.lab_patient_id IS NULL AND p.birth_date < date '1950-01-01'

-- name: right_join_with_condition_on_optional_side
SELECT c.customer_id, p.mrn
FROM ehr.patient p
RIGHT JOIN pharmacy.customer c
  ON c.last_name = upper(p.family_name) AND c.date_of_birth = p.birth_date AND p.state = 'OH'

-- name: full_join_with_residual_condition
SELECT count(*) AS rows_out, count(l.lab_patient_id) AS lab_side, count(c.customer_id) AS pharmacy_side
FROM lab.patient l
FULL JOIN pharmacy.customer c ON c.postal_code = l.zip AND c.date_of_birth > date '1990-01-01'

-- name: lab_draws_during_emergency_visits
SELECT e.encounter_id, r.result_id, r.test_code
FROM ehr.encounter e
JOIN ehr.patient p ON p.patient_id = e.patient_id
JOIN lab.patient l ON l.ehr_mrn = p.mrn
JOIN lab.lab_result r ON r.lab_patient_id = l.lab_patient_id AND r.collected_at BETWEEN e.start_at AND e.end_at
WHERE e.encounter_class = 'EMER'

-- name: active_orders_filled_by_name_prefix
SELECT count(*) AS matches, count(DISTINCT m.medication_order_id) AS orders
FROM ehr.medication_order m
JOIN ehr.patient p ON p.patient_id = m.patient_id
JOIN pharmacy.customer c ON c.last_name = upper(p.family_name) AND c.date_of_birth = p.birth_date
JOIN pharmacy.dispensing d
  ON d.customer_id = c.customer_id AND upper(substr(m.medication_name, 1, 5)) = substr(d.drug_name, 1, 5)
WHERE m.status = 'active' AND d.dispensed_on >= m.start_date

-- name: inr_rechecked_within_five_weeks
SELECT a.result_id AS first_result, b.result_id AS recheck
FROM lab.lab_result a
JOIN lab.lab_result b
  ON b.lab_patient_id = a.lab_patient_id AND b.test_code = a.test_code
 AND b.collected_at > a.collected_at AND b.collected_at <= a.collected_at + interval '35 days'
WHERE a.test_code = 'INR'

-- name: join_using_column
SELECT ehr_mrn, l.lab_patient_id, e.sex
FROM lab.patient l
JOIN (SELECT mrn AS ehr_mrn, sex FROM ehr.patient WHERE state = 'KY') e USING (ehr_mrn)

-- name: null_keys_never_match
SELECT count(*) AS pairs
FROM lab.patient a
JOIN lab.patient b ON a.ehr_mrn = b.ehr_mrn

-- name: decimal_key_meets_integer_key
SELECT m.qty, d.days
FROM (SELECT DISTINCT quantity AS qty FROM ehr.medication_order) m
JOIN (SELECT DISTINCT days_supply AS days FROM pharmacy.dispensing) d ON d.days = m.qty

-- name: fills_per_hamilton_patient
SELECT p.mrn, coalesce(x.fills, 0) AS fills
FROM ehr.patient p
LEFT JOIN (SELECT c.last_name, c.date_of_birth, count(*) AS fills
           FROM pharmacy.customer c JOIN pharmacy.dispensing d ON d.customer_id = c.customer_id
           GROUP BY c.last_name, c.date_of_birth) x
  ON x.last_name = upper(p.family_name) AND x.date_of_birth = p.birth_date
WHERE p.city = 'Hamilton'

-- name: comma_join_with_where
SELECT p.mrn, l.lab_patient_id
FROM ehr.patient p, lab.patient l
WHERE l.ehr_mrn = p.mrn AND p.sex = 'M' AND l.zip LIKE '45%'

-- name: lab_and_ehr_copies_of_one_result
SELECT p.mrn, r.result_id, e.lab_result_id, r.result_value
FROM ehr.lab_result e
JOIN ehr.patient p ON p.patient_id = e.patient_id
JOIN lab.patient l ON l.ehr_mrn = p.mrn
JOIN lab.lab_result r
  ON r.lab_patient_id = l.lab_patient_id AND r.collected_at = e.observed_at AND r.result_value = e.result_value
WHERE e.loinc_code = '4548-4'

-- name: same_source_tables_joined_through_another_source
SELECT l.zip, count(*) AS pairs
FROM ehr.patient p
JOIN lab.patient l ON l.ehr_mrn = p.mrn
JOIN ehr.patient p2 ON p2.zip = l.zip AND p2.sex = p.sex
WHERE p.state = 'KY'
GROUP BY l.zip

-- name: same_source_join_with_approximate_filter
SELECT p.patient_name, count(*) AS results, max(r.result_value) AS highest
FROM lab.patient p
JOIN lab.lab_result r ON r.lab_patient_id = p.lab_patient_id
WHERE p.sex = 'F' AND r.test_code = 'HBA1C' AND p.zip IN ('45013', '45011')
GROUP BY p.patient_name

-- name: interleaved_sources_in_one_join_chain
SELECT p.mrn, c.customer_id, count(DISTINCT d.dispensing_id) AS fills, count(DISTINCT e.encounter_id) AS visits
FROM ehr.patient p
JOIN pharmacy.customer c ON c.last_name = upper(p.family_name) AND c.date_of_birth = p.birth_date
JOIN ehr.encounter e ON e.patient_id = p.patient_id AND e.encounter_class = 'EMER'
JOIN pharmacy.dispensing d ON d.customer_id = c.customer_id AND d.dispensed_on = CAST(e.start_at AS date)
GROUP BY p.mrn, c.customer_id

-- name: exists_with_residual_conditions
SELECT l.lab_patient_id, l.patient_name
FROM lab.patient l
WHERE EXISTS (SELECT 1 FROM lab.lab_result r
              WHERE r.lab_patient_id = l.lab_patient_id AND r.result_value > 9 AND r.test_code = 'HBA1C')

-- name: not_exists_with_cross_source_inequality
SELECT p.mrn, p.zip
FROM ehr.patient p
WHERE NOT EXISTS (SELECT 1 FROM lab.patient l WHERE l.ehr_mrn = p.mrn AND l.zip <> p.zip) AND p.state = 'IN'

-- name: left_join_on_inequality_only
SELECT count(*) AS pairs, count(c.customer_id) AS matched
FROM ehr.patient p
LEFT JOIN pharmacy.customer c ON c.date_of_birth > p.birth_date + 36500 AND c.state = p.state

-- name: right_join_on_inequality_only
SELECT count(*) AS pairs, count(p.patient_id) AS matched
FROM ehr.patient p
RIGHT JOIN pharmacy.customer c ON c.date_of_birth < p.birth_date - 30000

-- name: three_systems_left_joined
SELECT p.state, count(*) AS patients, count(l.lab_patient_id) AS in_lab, count(c.customer_id) AS in_pharmacy
FROM ehr.patient p
LEFT JOIN lab.patient l ON l.ehr_mrn = p.mrn
LEFT JOIN pharmacy.customer c ON c.last_name = upper(p.family_name) AND c.date_of_birth = p.birth_date
GROUP BY p.state

-- name: full_join_one_patients_results_by_time
SELECT e.lab_result_id, e.observed_at, e.loinc_code, r.result_id, r.collected_at, r.test_code
FROM (SELECT lab_result_id, observed_at, loinc_code, result_value FROM ehr.lab_result WHERE patient_id = 741) e
FULL JOIN (SELECT r.result_id, r.collected_at, r.test_code, r.result_value
           FROM lab.lab_result r JOIN lab.patient l ON l.lab_patient_id = r.lab_patient_id
           JOIN ehr.patient p ON p.mrn = l.ehr_mrn WHERE p.patient_id = 741) r
  ON r.collected_at = e.observed_at AND r.result_value = e.result_value

-- name: lab_and_pharmacy_by_zip_and_phone
SELECT l.lab_patient_id, c.customer_id, l.zip, l.phone, c.phone AS pharmacy_phone
FROM lab.patient l
JOIN pharmacy.customer c
  ON substr(c.postal_code, 1, 5) = l.zip
 AND c.phone = substr(l.phone, 2, 3) || substr(l.phone, 7, 3) || substr(l.phone, 11, 4)
WHERE l.zip LIKE '452%'

-- name: households_sharing_a_phone
SELECT p.mrn, c.customer_id, p.family_name, c.last_name
FROM ehr.patient p
JOIN pharmacy.customer c ON c.phone = replace(p.phone, '-', '')
WHERE c.last_name <> upper(p.family_name) OR c.first_name <> upper(p.given_name)

-- name: ehr_patients_known_to_the_pharmacy
SELECT p.mrn, p.family_name
FROM ehr.patient p
WHERE upper(p.family_name) IN (SELECT last_name FROM pharmacy.customer WHERE state = 'IN') AND p.state = 'IN'

-- name: one_patient_looked_up_everywhere
SELECT p.mrn, c.customer_id, d.drug_name, d.dispensed_on
FROM ehr.patient p
JOIN pharmacy.customer c ON c.date_of_birth = p.birth_date AND c.last_name = upper(p.family_name)
JOIN pharmacy.dispensing d ON d.customer_id = c.customer_id
WHERE p.mrn = 'RV1015838'
