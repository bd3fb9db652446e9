-- Queries on the EHR alone. In the federated configuration the EHR is a
-- PostgreSQL source, so most of each query should be computed there: these
-- test pushdown and the PostgreSQL SQL the generator writes.

-- name: patients_by_state_and_sex
SELECT state, sex, count(*) AS patients
FROM ehr.patient
GROUP BY state, sex

-- name: encounters_by_class
-- ordered
SELECT encounter_class, count(*) AS visits, min(start_at) AS first_visit, max(end_at) AS last_visit
FROM ehr.encounter
GROUP BY encounter_class
ORDER BY visits DESC, encounter_class

-- name: active_type2_diabetes
SELECT p.mrn, p.family_name, c.icd10_code, c.onset_date
FROM ehr.patient p
JOIN ehr.condition c ON c.patient_id = p.patient_id
WHERE c.icd10_code LIKE 'E11%' AND c.clinical_status = 'active'

-- name: latest_admissions
-- ordered
SELECT e.encounter_id, p.mrn, e.department, e.start_at
FROM ehr.encounter e
JOIN ehr.patient p ON p.patient_id = e.patient_id
WHERE e.encounter_class = 'IMP'
ORDER BY e.start_at DESC, e.encounter_id
LIMIT 15

-- name: hypertensive_readings
SELECT patient_id, taken_at, systolic_mmhg, diastolic_mmhg
FROM ehr.vital_sign
WHERE systolic_mmhg >= 160 OR diastolic_mmhg >= 100

-- name: vitals_by_sex
SELECT p.sex, avg(v.weight_lb) AS avg_weight, avg(v.systolic_mmhg) AS avg_systolic,
       count(v.spo2_pct) AS spo2_measured, count(*) AS readings
FROM ehr.vital_sign v
JOIN ehr.patient p ON p.patient_id = v.patient_id
GROUP BY p.sex

-- name: patient_name_completeness
SELECT count(*) AS patients, count(middle_name) AS with_middle, count(DISTINCT family_name) AS families,
       count(DISTINCT sex) AS sexes
FROM ehr.patient

-- name: common_medication_statuses
SELECT medication_name, status, count(*) AS orders
FROM ehr.medication_order
GROUP BY medication_name, status
HAVING count(*) >= 50

-- name: top_procedures
-- ordered
SELECT cpt_code, count(*) AS performed, count(DISTINCT patient_id) AS patients
FROM ehr.procedure
GROUP BY cpt_code
ORDER BY performed DESC, cpt_code
LIMIT 10

-- name: heavy_patients_in_kg
SELECT vital_sign_id, weight_lb, weight_lb * 0.45359237 AS weight_kg, weight_lb / 2.2046 AS approx_kg
FROM ehr.vital_sign
WHERE weight_lb > 300

-- name: lab_flags_by_loinc
SELECT loinc_code, abnormal_flag, count(*) AS results
FROM ehr.lab_result
GROUP BY loinc_code, abnormal_flag

-- name: patients_without_conditions
SELECT p.patient_id, p.mrn
FROM ehr.patient p
LEFT JOIN ehr.condition c ON c.patient_id = p.patient_id
WHERE c.condition_id IS NULL

-- name: departments
-- ordered
SELECT DISTINCT department
FROM ehr.encounter
ORDER BY department

-- name: family_names_in_a_range
SELECT mrn, family_name
FROM ehr.patient
WHERE family_name >= 'Mc' AND family_name < 'Mo'

-- name: youngest_patients_third_page
-- ordered
SELECT patient_id, mrn, birth_date
FROM ehr.patient
ORDER BY birth_date DESC NULLS LAST, patient_id
LIMIT 20 OFFSET 40

-- name: encounters_per_month_2025
SELECT date_trunc('month', start_at) AS month, count(*) AS encounters
FROM ehr.encounter
WHERE start_at >= timestamp '2025-01-01 00:00:00' AND start_at < timestamp '2026-01-01 00:00:00'
GROUP BY date_trunc('month', start_at)

-- name: birth_cohorts
SELECT CASE WHEN birth_date < date '1950-01-01' THEN 'before 1950'
            WHEN birth_date < date '1980-01-01' THEN '1950-1979'
            ELSE '1980 or later' END AS cohort,
       count(*) AS patients
FROM ehr.patient
GROUP BY 1

-- name: open_cardiometabolic_conditions
SELECT condition_id, icd10_code, description
FROM ehr.condition
WHERE icd10_code IN ('I10', 'E78.5', 'I48.91') AND abatement_date IS NULL

-- name: kentucky_display_names
SELECT mrn, family_name || ', ' || given_name AS listed, concat(given_name, ' ', middle_name, ' ', family_name) AS full_name
FROM ehr.patient
WHERE state = 'KY'

-- name: cardiology_workload
SELECT p.mrn, count(DISTINCT e.encounter_id) AS visits, count(pr.procedure_id) AS procedures
FROM ehr.patient p
JOIN ehr.encounter e ON e.patient_id = p.patient_id
JOIN ehr.procedure pr ON pr.encounter_id = e.encounter_id
WHERE e.department = 'CARDIOLOGY'
GROUP BY p.mrn

-- name: febrile_readings_cast
SELECT vital_sign_id, CAST(temperature_f AS double precision) AS temp, CAST(pulse_bpm AS numeric(10,2)) AS pulse
FROM ehr.vital_sign
WHERE temperature_f >= 100.4

-- name: supply_by_rxnorm
SELECT rxnorm_code, sum(days_supply) AS days, sum(quantity) AS units, avg(refills) AS avg_refills, max(end_date) AS last_end
FROM ehr.medication_order
GROUP BY rxnorm_code

-- name: pulse_pressure_integer_division
SELECT vital_sign_id, systolic_mmhg - diastolic_mmhg AS pulse_pressure,
       days / 7 AS weeks, days % 7 AS extra_days
FROM (SELECT v.vital_sign_id, v.systolic_mmhg, v.diastolic_mmhg, m.days_supply AS days
      FROM ehr.vital_sign v JOIN ehr.medication_order m ON m.encounter_id = v.encounter_id
      WHERE m.rxnorm_code = '855332') t
