-- Whole analyses a clinician or analyst would run over all three systems at
-- once: the EHR's problems and orders, the lab's results and the
-- pharmacy's fills for the same people.

-- name: diabetics_with_latest_a1c
WITH last_a1c AS (
  SELECT l.ehr_mrn, r.result_value, r.collected_at,
         row_number() OVER (PARTITION BY l.ehr_mrn ORDER BY r.collected_at DESC, r.result_id DESC) AS rn
  FROM lab.patient l
  JOIN lab.lab_result r ON r.lab_patient_id = l.lab_patient_id
  WHERE r.test_code IN ('HBA1C', 'A1C')
)
SELECT p.mrn, p.family_name, min(c.onset_date) AS diagnosed, a.result_value AS last_a1c, a.collected_at
FROM ehr.patient p
JOIN ehr.condition c ON c.patient_id = p.patient_id AND c.icd10_code LIKE 'E11%'
LEFT JOIN last_a1c a ON a.ehr_mrn = p.mrn AND a.rn = 1
GROUP BY p.mrn, p.family_name, a.result_value, a.collected_at

-- name: warfarin_monitoring
SELECT p.mrn,
       count(DISTINCT m.medication_order_id) AS warfarin_orders,
       count(DISTINCT r.result_id) AS inr_tests,
       max(r.result_value) AS highest_inr
FROM ehr.patient p
JOIN ehr.medication_order m ON m.patient_id = p.patient_id AND m.rxnorm_code = '855332'
LEFT JOIN lab.patient l ON l.ehr_mrn = p.mrn
LEFT JOIN lab.lab_result r ON r.lab_patient_id = l.lab_patient_id AND r.test_code IN ('INR', 'PT_INR')
GROUP BY p.mrn

-- name: nsaids_dispensed_to_warfarin_patients
SELECT DISTINCT p.mrn, d.drug_name, d.dispensed_on
FROM ehr.patient p
JOIN ehr.medication_order m ON m.patient_id = p.patient_id AND m.rxnorm_code = '855332'
JOIN pharmacy.customer c ON c.last_name = upper(p.family_name) AND c.date_of_birth = p.birth_date
JOIN pharmacy.dispensing d ON d.customer_id = c.customer_id
WHERE d.drug_name LIKE 'IBUPROFEN%' OR d.drug_name LIKE 'NAPROXEN%'

-- name: active_orders_without_recent_fill
SELECT p.mrn, m.medication_name, m.start_date
FROM ehr.medication_order m
JOIN ehr.patient p ON p.patient_id = m.patient_id
JOIN pharmacy.customer c ON c.last_name = upper(p.family_name) AND c.date_of_birth = p.birth_date
WHERE m.status = 'active' AND m.rxnorm_code IN ('314076', '617310', '861007')
  AND NOT EXISTS (SELECT 1 FROM pharmacy.dispensing d
                  WHERE d.customer_id = c.customer_id AND d.dispensed_on >= date '2026-08-01')

-- name: heart_failure_bnp
SELECT p.mrn, max(r.result_value) AS highest_bnp, count(r.result_id) AS bnp_tests,
       min(r.units) AS units
FROM ehr.patient p
JOIN ehr.condition c ON c.patient_id = p.patient_id
JOIN lab.patient l ON l.ehr_mrn = p.mrn
JOIN lab.lab_result r ON r.lab_patient_id = l.lab_patient_id
WHERE c.icd10_code LIKE 'I50%' AND r.test_code = 'BNP'
GROUP BY p.mrn

-- name: results_in_both_ehr_and_lab
SELECT e.loinc_code, l.test_code, count(*) AS same_results
FROM ehr.lab_result e
JOIN ehr.patient p ON p.patient_id = e.patient_id
JOIN lab.patient lp ON lp.ehr_mrn = p.mrn
JOIN lab.lab_result l
  ON l.lab_patient_id = lp.lab_patient_id AND l.collected_at = e.observed_at AND l.result_value = e.result_value
WHERE e.performing_lab LIKE 'RIVERSIDE LAB%'
GROUP BY e.loinc_code, l.test_code

-- name: unlinked_lab_patients_found_in_pharmacy
SELECT l.lab_patient_id, l.patient_name, c.customer_id
FROM lab.patient l
JOIN pharmacy.customer c
  ON substr(l.patient_name, 1, strpos(l.patient_name, ',') - 1) = c.last_name
 AND substr(l.dob, 7, 4) = CAST(extract(year FROM c.date_of_birth) AS text)
WHERE l.ehr_mrn IS NULL

-- name: people_per_zip3_in_each_system
SELECT coalesce(e.zip3, l.zip3, c.zip3) AS zip3, e.n AS ehr, l.n AS lab, c.n AS pharmacy
FROM (SELECT substr(zip, 1, 3) AS zip3, count(*) AS n FROM ehr.patient GROUP BY 1) e
FULL JOIN (SELECT substr(zip, 1, 3) AS zip3, count(*) AS n FROM lab.patient GROUP BY 1) l ON l.zip3 = e.zip3
FULL JOIN (SELECT substr(postal_code, 1, 3) AS zip3, count(*) AS n FROM pharmacy.customer GROUP BY 1) c
  ON c.zip3 = coalesce(e.zip3, l.zip3)

-- name: emergency_visits_with_same_day_labs
SELECT e.encounter_id, p.mrn, count(r.result_id) AS results
FROM ehr.encounter e
JOIN ehr.patient p ON p.patient_id = e.patient_id
JOIN lab.patient l ON l.ehr_mrn = p.mrn
JOIN lab.lab_result r ON r.lab_patient_id = l.lab_patient_id
WHERE e.encounter_class = 'EMER'
  AND r.collected_at >= e.start_at AND r.collected_at < e.start_at + interval '1 day'
GROUP BY e.encounter_id, p.mrn

-- name: metformin_with_high_creatinine
SELECT DISTINCT p.mrn, r.result_value, r.units
FROM ehr.patient p
JOIN ehr.medication_order m ON m.patient_id = p.patient_id AND m.rxnorm_code = '861007' AND m.status = 'active'
JOIN lab.patient l ON l.ehr_mrn = p.mrn
JOIN lab.lab_result r ON r.lab_patient_id = l.lab_patient_id
WHERE (r.test_code = 'CREAT' AND r.result_value > 1.5) OR (r.test_code = 'CRE' AND r.result_value > 133)

-- name: statin_fills_by_ehr_age_band
SELECT CASE WHEN p.birth_date < date '1950-01-01' THEN '75+'
            WHEN p.birth_date < date '1970-01-01' THEN '55-74'
            ELSE 'under 55' END AS band,
       count(*) AS fills, count(DISTINCT c.customer_id) AS customers
FROM pharmacy.dispensing d
JOIN pharmacy.customer c ON c.customer_id = d.customer_id
JOIN ehr.patient p ON upper(p.family_name) = c.last_name AND p.birth_date = c.date_of_birth
WHERE d.drug_name LIKE 'ATORVASTATIN%'
GROUP BY 1

-- name: towns_in_every_system
SELECT town, sum(ehr) AS ehr, sum(pharmacy) AS pharmacy
FROM (SELECT upper(city) AS town, 1 AS ehr, 0 AS pharmacy FROM ehr.patient
      UNION ALL
      SELECT city, 0, 1 FROM pharmacy.customer) t
GROUP BY town
HAVING sum(ehr) > 0 AND sum(pharmacy) > 0

-- name: potassium_by_ehr_department
SELECT e.department, count(*) AS potassium_results, avg(r.result_value) AS mean_k
FROM ehr.encounter e
JOIN ehr.patient p ON p.patient_id = e.patient_id
JOIN lab.patient l ON l.ehr_mrn = p.mrn
JOIN lab.lab_result r
  ON r.lab_patient_id = l.lab_patient_id AND r.test_code = 'K'
 AND r.collected_at BETWEEN e.start_at AND e.end_at + interval '2 hours'
GROUP BY e.department

-- name: duplicate_people_across_lab_and_pharmacy
SELECT l.zip, count(DISTINCT l.lab_patient_id) AS lab_people, count(DISTINCT c.customer_id) AS pharmacy_people
FROM lab.patient l
JOIN pharmacy.customer c ON substr(c.postal_code, 1, 5) = l.zip AND substr(c.phone, 7, 4) = substr(l.phone, 11, 4)
GROUP BY l.zip

-- name: hypertension_control
SELECT p.mrn, count(v.vital_sign_id) AS readings, avg(v.systolic_mmhg) AS mean_systolic,
       max(d.dispensed_on) AS last_antihypertensive_fill
FROM ehr.patient p
JOIN ehr.condition c ON c.patient_id = p.patient_id AND c.icd10_code = 'I10'
JOIN ehr.vital_sign v ON v.patient_id = p.patient_id AND v.taken_at >= timestamp '2026-01-01 00:00:00'
LEFT JOIN pharmacy.customer pc ON pc.last_name = upper(p.family_name) AND pc.date_of_birth = p.birth_date
LEFT JOIN pharmacy.dispensing d
  ON d.customer_id = pc.customer_id AND (d.drug_name LIKE 'LISINOPRIL%' OR d.drug_name LIKE 'AMLODIPINE%')
GROUP BY p.mrn
HAVING avg(v.systolic_mmhg) > 140

-- name: one_patients_whole_picture
SELECT 'ehr condition' AS kind, c.icd10_code AS code, CAST(c.onset_date AS timestamp) AS at
FROM ehr.condition c JOIN ehr.patient p ON p.patient_id = c.patient_id WHERE p.mrn = 'RV1015838'
UNION ALL
SELECT 'lab result', r.test_code, r.collected_at
FROM lab.lab_result r JOIN lab.patient l ON l.lab_patient_id = r.lab_patient_id WHERE l.ehr_mrn = 'RV1015838'
UNION ALL
SELECT 'fill', d.drug_name, CAST(d.dispensed_on AS timestamp)
FROM pharmacy.dispensing d JOIN pharmacy.customer c ON c.customer_id = d.customer_id
WHERE c.last_name = 'WILLIAMS' AND c.date_of_birth = date '1949-02-13'
