-- Questions a clinical team asks of the whole health system at once: each
-- needs the EHR's problems and orders, the lab's results and the pharmacy's
-- fills for the same people, matched across systems that share no key but
-- the MRN on lab orders and the patients' names and birth dates.

-- name: ckd_patients_dispensed_nsaids
SELECT p.mrn, x.icd10_code, d.drug_name, count(*) AS fills
FROM ehr.patient p
JOIN ehr.condition x ON x.patient_id = p.patient_id AND x.icd10_code LIKE 'N18%'
JOIN pharmacy.customer c ON c.last_name = upper(p.family_name) AND c.date_of_birth = p.birth_date
JOIN pharmacy.dispensing d ON d.customer_id = c.customer_id
WHERE d.drug_name LIKE 'IBUPROFEN%' OR d.drug_name LIKE 'NAPROXEN%'
GROUP BY p.mrn, x.icd10_code, d.drug_name

-- name: first_and_last_a1c_of_diabetics
WITH a1c AS (
  SELECT l.ehr_mrn, r.result_value, r.collected_at,
         row_number() OVER (PARTITION BY l.ehr_mrn ORDER BY r.collected_at, r.result_id) AS first_rn,
         row_number() OVER (PARTITION BY l.ehr_mrn ORDER BY r.collected_at DESC, r.result_id DESC) AS last_rn
  FROM lab.patient l JOIN lab.lab_result r ON r.lab_patient_id = l.lab_patient_id
  WHERE r.test_code IN ('HBA1C', 'A1C')
)
SELECT p.mrn, f.result_value AS first_a1c, z.result_value AS last_a1c, z.result_value - f.result_value AS change
FROM ehr.patient p
JOIN a1c f ON f.ehr_mrn = p.mrn AND f.first_rn = 1
JOIN a1c z ON z.ehr_mrn = p.mrn AND z.last_rn = 1
WHERE EXISTS (SELECT 1 FROM ehr.condition x WHERE x.patient_id = p.patient_id AND x.icd10_code LIKE 'E11%')

-- name: emergency_visits_with_abnormal_potassium
SELECT e.encounter_id, p.mrn, r.result_value, r.abnormal_flag
FROM ehr.encounter e
JOIN ehr.patient p ON p.patient_id = e.patient_id
JOIN lab.patient l ON l.ehr_mrn = p.mrn
JOIN lab.lab_result r ON r.lab_patient_id = l.lab_patient_id AND r.test_code = 'K'
WHERE e.encounter_class = 'EMER' AND r.abnormal_flag IN ('H', 'L')
  AND CAST(r.collected_at AS date) = CAST(e.start_at AS date)

-- name: supratherapeutic_inr_counts
SELECT p.mrn, count(*) AS inr_above_3, max(r.result_value) AS highest, min(r.collected_at) AS first_time
FROM ehr.patient p
JOIN lab.patient l ON l.ehr_mrn = p.mrn
JOIN lab.lab_result r ON r.lab_patient_id = l.lab_patient_id
WHERE r.test_code IN ('INR', 'PT_INR') AND r.result_value > 3
GROUP BY p.mrn

-- name: statin_orders_with_high_ldl
SELECT DISTINCT p.mrn, m.status, r.test_code, r.result_value
FROM ehr.medication_order m
JOIN ehr.patient p ON p.patient_id = m.patient_id
JOIN lab.patient l ON l.ehr_mrn = p.mrn
JOIN lab.lab_result r ON r.lab_patient_id = l.lab_patient_id
WHERE m.rxnorm_code = '617310' AND m.status = 'active'
  AND ((r.test_code = 'LDL' AND r.result_value > 160) OR (r.test_code = 'LDLC' AND r.result_value > 4.1))

-- name: fills_without_a_matching_ehr_order
SELECT p.mrn, d.drug_name, count(*) AS fills
FROM pharmacy.dispensing d
JOIN pharmacy.customer c ON c.customer_id = d.customer_id
JOIN ehr.patient p ON upper(p.family_name) = c.last_name AND p.birth_date = c.date_of_birth
WHERE p.state = 'KY'
  AND NOT EXISTS (SELECT 1 FROM ehr.medication_order m
                  WHERE m.patient_id = p.patient_id AND upper(substr(m.medication_name, 1, 5)) = substr(d.drug_name, 1, 5))
GROUP BY p.mrn, d.drug_name

-- name: interfaced_results_that_agree
SELECT r.performing_site, count(*) AS pairs,
       sum(CASE WHEN e.result_value = r.result_value THEN 1 ELSE 0 END) AS same_value
FROM ehr.lab_result e
JOIN ehr.patient p ON p.patient_id = e.patient_id
JOIN lab.patient l ON l.ehr_mrn = p.mrn
JOIN lab.lab_result r ON r.lab_patient_id = l.lab_patient_id AND r.collected_at = e.observed_at
WHERE e.loinc_code IN ('4548-4', '6301-6') AND r.test_code IN ('HBA1C', 'A1C', 'INR', 'PT_INR')
GROUP BY r.performing_site

-- name: heart_failure_weight_gain_and_bnp
WITH gains AS (
  SELECT v.patient_id, v.taken_at,
         v.weight_lb - lag(v.weight_lb) OVER (PARTITION BY v.patient_id ORDER BY v.taken_at, v.vital_sign_id) AS gained
  FROM ehr.vital_sign v
  WHERE v.patient_id IN (SELECT patient_id FROM ehr.condition WHERE icd10_code LIKE 'I50%')
)
SELECT p.mrn, max(g.gained) AS biggest_gain, count(DISTINCT r.result_id) AS bnp_tests
FROM gains g
JOIN ehr.patient p ON p.patient_id = g.patient_id
LEFT JOIN lab.patient l ON l.ehr_mrn = p.mrn
LEFT JOIN lab.lab_result r ON r.lab_patient_id = l.lab_patient_id AND r.test_code = 'BNP'
WHERE g.gained >= 5
GROUP BY p.mrn

-- name: people_in_all_three_systems_per_city
SELECT p.city, count(DISTINCT p.mrn) AS patients
FROM ehr.patient p
JOIN lab.patient l ON l.ehr_mrn = p.mrn
JOIN pharmacy.customer c ON c.last_name = upper(p.family_name) AND c.date_of_birth = p.birth_date
GROUP BY p.city

-- name: sulfonylurea_with_lowest_glucose
SELECT DISTINCT c.customer_id, c.last_name, r.test_code, r.result_value
FROM pharmacy.dispensing d
JOIN pharmacy.customer c ON c.customer_id = d.customer_id
JOIN ehr.patient p ON upper(p.family_name) = c.last_name AND p.birth_date = c.date_of_birth
JOIN lab.patient l ON l.ehr_mrn = p.mrn
JOIN lab.lab_result r ON r.lab_patient_id = l.lab_patient_id
WHERE d.drug_name LIKE 'GLIPIZIDE%'
  AND ((r.test_code = 'GLU' AND r.result_value < 140) OR (r.test_code = 'GLUC' AND r.result_value < 7.8))

-- name: new_diagnoses_and_first_fills_per_month
SELECT month, sum(diagnoses) AS diagnoses, sum(first_fills) AS first_fills
FROM (SELECT date_trunc('month', recorded_at) AS month, 1 AS diagnoses, 0 AS first_fills
      FROM ehr.condition WHERE recorded_at >= timestamp '2026-01-01 00:00:00'
      UNION ALL
      SELECT date_trunc('month', dispensed_on), 0, 1
      FROM pharmacy.dispensing WHERE fill_number = 1 AND dispensed_on >= date '2026-01-01') t
GROUP BY month

-- name: phones_the_lab_has_and_the_ehr_lacks
SELECT p.mrn, l.phone
FROM ehr.patient p
JOIN lab.patient l ON l.ehr_mrn = p.mrn
WHERE p.phone IS NULL AND l.phone IS NOT NULL

-- name: sex_recorded_differently
SELECT p.mrn, p.sex AS ehr_sex, l.sex AS lab_sex, c.gender AS pharmacy_gender
FROM ehr.patient p
JOIN lab.patient l ON l.ehr_mrn = p.mrn
LEFT JOIN pharmacy.customer c ON c.last_name = upper(p.family_name) AND c.date_of_birth = p.birth_date
WHERE p.sex IS NULL OR l.sex NOT IN ('F', 'M') OR p.sex <> l.sex

-- name: birth_dates_off_by_a_swap
SELECT p.mrn, p.birth_date, c.customer_id, c.date_of_birth, c.date_of_birth - p.birth_date AS days_apart
FROM ehr.patient p
JOIN pharmacy.customer c ON c.last_name = upper(p.family_name) AND c.first_name = upper(p.given_name)
WHERE c.date_of_birth <> p.birth_date
  AND extract(year FROM c.date_of_birth) = extract(year FROM p.birth_date)

-- name: warfarin_fill_gaps_of_ehr_patients
SELECT p.mrn, d.dispensed_on, d.previous_fill, d.dispensed_on - d.previous_fill AS gap_days
FROM (SELECT customer_id, dispensed_on,
             lag(dispensed_on) OVER (PARTITION BY customer_id ORDER BY dispensed_on, dispensing_id) AS previous_fill
      FROM pharmacy.dispensing WHERE drug_name LIKE 'WARFARIN%') d
JOIN pharmacy.customer c ON c.customer_id = d.customer_id
JOIN ehr.patient p ON upper(p.family_name) = c.last_name AND p.birth_date = c.date_of_birth
WHERE d.dispensed_on - d.previous_fill > 45

-- name: lab_results_after_the_last_visit
WITH last_visit AS (
  SELECT patient_id, max(start_at) AS last_at FROM ehr.encounter GROUP BY patient_id
)
SELECT p.mrn, v.last_at, count(*) AS later_results
FROM ehr.patient p
JOIN last_visit v ON v.patient_id = p.patient_id
JOIN lab.patient l ON l.ehr_mrn = p.mrn
JOIN lab.lab_result r ON r.lab_patient_id = l.lab_patient_id AND r.collected_at > v.last_at
GROUP BY p.mrn, v.last_at

-- name: prescribers_of_ehr_diabetics
-- ordered
SELECT d.prescriber, count(*) AS fills, count(DISTINCT c.customer_id) AS customers
FROM pharmacy.dispensing d
JOIN pharmacy.customer c ON c.customer_id = d.customer_id
JOIN ehr.patient p ON upper(p.family_name) = c.last_name AND p.birth_date = c.date_of_birth
JOIN ehr.condition x ON x.patient_id = p.patient_id AND x.icd10_code LIKE 'E11%'
GROUP BY d.prescriber
ORDER BY fills DESC, d.prescriber

-- name: polypharmacy_in_the_elderly
SELECT p.mrn, p.birth_date, count(DISTINCT d.drug_name) AS drugs
FROM ehr.patient p
JOIN pharmacy.customer c ON c.last_name = upper(p.family_name) AND c.date_of_birth = p.birth_date
JOIN pharmacy.dispensing d ON d.customer_id = c.customer_id AND d.dispensed_on >= date '2026-05-05'
WHERE p.birth_date < date '1951-11-01'
GROUP BY p.mrn, p.birth_date
HAVING count(DISTINCT d.drug_name) >= 4

-- name: a1c_tests_per_site_for_diabetics
SELECT r.performing_site, count(*) AS tests, count(DISTINCT p.mrn) AS patients, avg(r.result_value) AS mean_a1c
FROM ehr.patient p
JOIN lab.patient l ON l.ehr_mrn = p.mrn
JOIN lab.lab_result r ON r.lab_patient_id = l.lab_patient_id AND r.test_code IN ('HBA1C', 'A1C')
WHERE p.patient_id IN (SELECT patient_id FROM ehr.condition WHERE icd10_code LIKE 'E11%')
GROUP BY r.performing_site

-- name: pharmacy_customers_unknown_to_the_ehr
SELECT c.state, count(*) AS customers
FROM pharmacy.customer c
WHERE NOT EXISTS (SELECT 1 FROM ehr.patient p WHERE upper(p.family_name) = c.last_name AND p.birth_date = c.date_of_birth)
GROUP BY c.state

-- name: creatinine_in_one_unit
SELECT p.mrn, avg(CASE WHEN r.test_code = 'CRE' THEN r.result_value / 88.42 ELSE r.result_value END) AS mean_mg_dl,
       count(*) AS tests
FROM ehr.patient p
JOIN lab.patient l ON l.ehr_mrn = p.mrn
JOIN lab.lab_result r ON r.lab_patient_id = l.lab_patient_id AND r.test_code IN ('CREAT', 'CRE')
WHERE p.state = 'KY'
GROUP BY p.mrn

-- name: glucose_in_one_unit_by_sex
SELECT p.sex, avg(g.mg_dl) AS mean_glucose, max(g.mg_dl) AS highest, count(*) AS results
FROM (SELECT lab_patient_id, result_value AS mg_dl FROM lab.lab_result WHERE test_code = 'GLU'
      UNION ALL
      SELECT lab_patient_id, result_value * 18.016 FROM lab.lab_result WHERE test_code = 'GLUC') g
JOIN lab.patient l ON l.lab_patient_id = g.lab_patient_id
JOIN ehr.patient p ON p.mrn = l.ehr_mrn
GROUP BY p.sex

-- name: antibiotics_filled_after_emergency_visits
SELECT e.encounter_id, p.mrn, d.drug_name, d.dispensed_on
FROM ehr.encounter e
JOIN ehr.patient p ON p.patient_id = e.patient_id
JOIN pharmacy.customer c ON c.last_name = upper(p.family_name) AND c.date_of_birth = p.birth_date
JOIN pharmacy.dispensing d ON d.customer_id = c.customer_id
WHERE e.encounter_class = 'EMER' AND (d.drug_name LIKE 'AMOXICILLIN%' OR d.drug_name LIKE 'CEPHALEXIN%')
  AND d.dispensed_on BETWEEN CAST(e.start_at AS date) AND CAST(e.start_at AS date) + 3

-- name: problems_and_fills_per_zip3
SELECT x.zip3, x.conditions, y.fills
FROM (SELECT substr(p.zip, 1, 3) AS zip3, count(*) AS conditions
      FROM ehr.patient p JOIN ehr.condition c ON c.patient_id = p.patient_id GROUP BY 1) x
JOIN (SELECT substr(c.postal_code, 1, 3) AS zip3, count(*) AS fills
      FROM pharmacy.customer c JOIN pharmacy.dispensing d ON d.customer_id = c.customer_id GROUP BY 1) y
  ON y.zip3 = x.zip3
