-- GROUP BY, HAVING and the aggregates (count, count(DISTINCT), sum, avg,
-- min, max, and percentile_cont, percentile_disc and mode WITHIN GROUP),
-- over single sources and across them. PostgreSQL's AVG is
-- numeric and Tessera's a double: the suite compares numbers by value.

-- name: row_counts_of_every_patient_index
SELECT (SELECT count(*) FROM ehr.patient) AS ehr_patients,
       (SELECT count(*) FROM lab.patient) AS lab_patients,
       (SELECT count(*) FROM pharmacy.customer) AS pharmacy_customers

-- name: lab_activity_by_ehr_sex
SELECT p.sex, count(DISTINCT r.test_code) AS codes, count(DISTINCT r.lab_patient_id) AS patients, count(*) AS results
FROM ehr.patient p
JOIN lab.patient l ON l.ehr_mrn = p.mrn
JOIN lab.lab_result r ON r.lab_patient_id = l.lab_patient_id
GROUP BY p.sex

-- name: result_statistics_per_code_and_unit
SELECT test_code, units, count(*) AS n, sum(result_value) AS total, avg(result_value) AS mean,
       min(result_value) AS low, max(result_value) AS high
FROM lab.lab_result
GROUP BY test_code, units

-- name: ehr_patients_on_many_dispensed_drugs
SELECT p.mrn, c.customer_id, count(DISTINCT d.drug_name) AS drugs
FROM pharmacy.customer c
JOIN pharmacy.dispensing d ON d.customer_id = c.customer_id
JOIN ehr.patient p ON upper(p.family_name) = c.last_name AND p.birth_date = c.date_of_birth
GROUP BY p.mrn, c.customer_id
HAVING count(DISTINCT d.drug_name) >= 5

-- name: busy_departments_lately
SELECT department, count(*) AS encounters
FROM ehr.encounter
GROUP BY department
HAVING max(start_at) > timestamp '2026-10-01 00:00:00' AND count(*) > 100

-- name: fills_per_year_by_ehr_sex
SELECT extract(year FROM d.dispensed_on) AS year, p.sex, count(*) AS fills, sum(d.days_supply) AS days
FROM pharmacy.dispensing d
JOIN pharmacy.customer c ON c.customer_id = d.customer_id
LEFT JOIN ehr.patient p ON upper(p.family_name) = c.last_name AND p.birth_date = c.date_of_birth
GROUP BY extract(year FROM d.dispensed_on), p.sex

-- name: aggregates_of_nothing
SELECT count(*) AS n, sum(result_value) AS total, avg(result_value) AS mean, min(collected_at) AS first_at,
       max(collected_at) AS last_at, count(DISTINCT test_code) AS codes
FROM lab.lab_result
WHERE test_code = 'NONE'

-- name: no_groups_counted
SELECT count(*) AS groups
FROM (SELECT test_code, count(*) AS n FROM lab.lab_result WHERE result_value < 0 GROUP BY test_code) t

-- name: sex_recorded_in_each_system
SELECT src, count(*) AS records, count(sex) AS with_sex, count(DISTINCT sex) AS distinct_sexes
FROM (SELECT 'ehr' AS src, sex FROM ehr.patient
      UNION ALL SELECT 'lab', sex FROM lab.patient
      UNION ALL SELECT 'pharmacy', gender FROM pharmacy.customer) s
GROUP BY src

-- name: integer_and_decimal_sums
SELECT sum(days_supply) AS days, sum(fill_number * quantity) AS weighted, sum(quantity) AS units
FROM pharmacy.dispensing

-- name: average_supply_for_ehr_diabetics
SELECT d.prescriber, avg(d.days_supply) AS mean_days, avg(d.fill_number) AS mean_fill, count(*) AS fills
FROM pharmacy.dispensing d
JOIN pharmacy.customer c ON c.customer_id = d.customer_id
JOIN (SELECT DISTINCT upper(p.family_name) AS last_name, p.birth_date
      FROM ehr.patient p JOIN ehr.condition x ON x.patient_id = p.patient_id
      WHERE x.icd10_code LIKE 'E11%') dm
  ON dm.last_name = c.last_name AND dm.birth_date = c.date_of_birth
GROUP BY d.prescriber

-- name: poorly_controlled_diabetics
SELECT p.mrn, count(*) AS a1c_tests, max(r.result_value) AS worst
FROM ehr.patient p
JOIN lab.patient l ON l.ehr_mrn = p.mrn
JOIN lab.lab_result r ON r.lab_patient_id = l.lab_patient_id
WHERE r.test_code IN ('HBA1C', 'A1C')
GROUP BY p.mrn
HAVING max(r.result_value) >= 8

-- name: flags_counted_with_nulls
SELECT count(DISTINCT abnormal_flag) AS flags, count(abnormal_flag) AS flagged, count(*) AS results
FROM lab.lab_result

-- name: group_by_nullable_flag
SELECT abnormal_flag, count(*) AS results
FROM lab.lab_result
GROUP BY abnormal_flag

-- name: text_min_max_bytewise
SELECT (SELECT min(unit) FROM ehr.lab_result) AS ehr_min, (SELECT max(unit) FROM ehr.lab_result) AS ehr_max,
       (SELECT min(units) FROM lab.lab_result) AS lab_min, (SELECT max(units) FROM lab.lab_result) AS lab_max

-- name: units_grouped_case_sensitively
SELECT unit, count(*) AS results
FROM (SELECT unit FROM ehr.lab_result UNION ALL SELECT units FROM lab.lab_result) u
GROUP BY unit

-- name: averages_of_expressions
SELECT p.sex, avg(v.weight_lb * 0.4536) AS mean_kg, avg(v.systolic_mmhg - v.diastolic_mmhg) AS mean_pulse_pressure
FROM ehr.vital_sign v
JOIN ehr.patient p ON p.patient_id = v.patient_id
GROUP BY p.sex

-- name: fills_per_customer_by_state
SELECT state, avg(n) AS mean_fills, max(n) AS most_fills, count(*) AS customers
FROM (SELECT c.state, c.customer_id, count(*) AS n
      FROM pharmacy.customer c JOIN pharmacy.dispensing d ON d.customer_id = c.customer_id
      GROUP BY c.state, c.customer_id) t
GROUP BY state

-- name: lab_links_per_state
SELECT p.state, count(*) AS patients, count(l.lab_patient_id) AS lab_records
FROM ehr.patient p
LEFT JOIN lab.patient l ON l.ehr_mrn = p.mrn
GROUP BY p.state

-- name: rounded_means_by_ehr_sex
-- known: binder types avg() and numeric division as double, so round() at an exact tie (6.45 -> 6.5) goes the other way
SELECT p.sex, r.test_code, round(avg(r.result_value), 2) AS mean, round(sum(r.result_value) / count(*), 1) AS mean_1
FROM lab.lab_result r
JOIN lab.patient l ON l.lab_patient_id = r.lab_patient_id
JOIN ehr.patient p ON p.mrn = l.ehr_mrn
GROUP BY p.sex, r.test_code

-- name: having_without_group_by
SELECT count(*) AS fills
FROM pharmacy.dispensing
HAVING count(*) > 1000

-- name: sex_agreement_between_systems
SELECT l.sex AS lab_sex, p.sex AS ehr_sex, count(*) AS patients
FROM ehr.patient p
JOIN lab.patient l ON l.ehr_mrn = p.mrn
GROUP BY l.sex, p.sex

-- name: count_distinct_of_expression
SELECT count(DISTINCT upper(family_name)) AS ehr_families,
       count(DISTINCT substr(birth_date || '', 1, 4)) AS birth_years
FROM ehr.patient

-- name: aggregate_of_a_pruned_aggregate
SELECT (SELECT count(*) FROM (SELECT count(*) FROM lab.lab_result) a) AS one_lab_row,
       (SELECT count(*) FROM (SELECT test_code, max(result_value) FROM lab.lab_result GROUP BY test_code) b) AS lab_codes,
       (SELECT count(*) FROM (SELECT DISTINCT drug_name FROM pharmacy.dispensing) c) AS drugs,
       (SELECT count(*) FROM (SELECT sex, min(birth_date) FROM ehr.patient GROUP BY sex) d) AS sexes

-- name: distinct_people_per_system_and_state
SELECT state, count(DISTINCT ehr_id) AS ehr_patients, count(DISTINCT pharmacy_id) AS pharmacy_customers
FROM (SELECT state, patient_id AS ehr_id, NULL AS pharmacy_id FROM ehr.patient
      UNION ALL
      SELECT state, NULL, customer_id FROM pharmacy.customer) t
GROUP BY state

-- name: days_supplied_per_ehr_condition
SELECT x.icd10_code, count(DISTINCT c.customer_id) AS customers, sum(d.days_supply) AS days
FROM ehr.condition x
JOIN ehr.patient p ON p.patient_id = x.patient_id
JOIN pharmacy.customer c ON c.last_name = upper(p.family_name) AND c.date_of_birth = p.birth_date
JOIN pharmacy.dispensing d ON d.customer_id = c.customer_id
WHERE x.clinical_status = 'active'
GROUP BY x.icd10_code
HAVING sum(d.days_supply) > 5000

-- name: mean_results_for_hypertensive_patients
SELECT r.test_code, r.units, count(*) AS results, avg(r.result_value) AS mean, min(r.result_value) AS low
FROM lab.lab_result r
JOIN lab.patient l ON l.lab_patient_id = r.lab_patient_id
JOIN ehr.patient p ON p.mrn = l.ehr_mrn
JOIN ehr.condition x ON x.patient_id = p.patient_id AND x.icd10_code = 'I10'
GROUP BY r.test_code, r.units
HAVING avg(r.result_value) > 4

-- name: first_and_last_dates_everywhere
SELECT (SELECT min(start_at) FROM ehr.encounter) AS first_visit, (SELECT max(start_at) FROM ehr.encounter) AS last_visit,
       (SELECT min(collected_at) FROM lab.lab_result) AS first_draw, (SELECT max(collected_at) FROM lab.lab_result) AS last_draw,
       (SELECT min(dispensed_on) FROM pharmacy.dispensing) AS first_fill, (SELECT max(dispensed_on) FROM pharmacy.dispensing) AS last_fill

-- name: lab_sex_by_pharmacy_gender
SELECT l.sex AS lab_sex, c.gender AS pharmacy_gender, count(*) AS people
FROM lab.patient l
JOIN ehr.patient p ON p.mrn = l.ehr_mrn
JOIN pharmacy.customer c ON c.last_name = upper(p.family_name) AND c.date_of_birth = p.birth_date
GROUP BY l.sex, c.gender

-- name: distinct_people_per_system_and_state_typed_nulls
SELECT state, count(DISTINCT ehr_id) AS ehr_patients, count(DISTINCT pharmacy_id) AS pharmacy_customers
FROM (SELECT state, patient_id AS ehr_id, CAST(NULL AS bigint) AS pharmacy_id FROM ehr.patient
      UNION ALL
      SELECT state, CAST(NULL AS bigint), customer_id FROM pharmacy.customer) t
GROUP BY state

-- name: median_result_per_lab_code
SELECT test_code, count(*) AS n,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY result_value) AS median,
       percentile_cont(0.9) WITHIN GROUP (ORDER BY result_value DESC) AS p10_from_top
FROM lab.lab_result
GROUP BY test_code

-- name: days_supply_percentiles_per_drug
SELECT drug_name, count(*) AS fills,
       percentile_disc(0.5) WITHIN GROUP (ORDER BY days_supply) AS median_days,
       percentile_disc(0.25) WITHIN GROUP (ORDER BY days_supply DESC) AS upper_quartile,
       mode() WITHIN GROUP (ORDER BY quantity) AS usual_quantity
FROM pharmacy.dispensing
GROUP BY drug_name

-- name: vital_sign_percentiles_without_group_by
SELECT percentile_cont(0.25) WITHIN GROUP (ORDER BY systolic_mmhg) AS q1,
       percentile_cont(0.75) WITHIN GROUP (ORDER BY systolic_mmhg DESC) AS q1_from_top,
       percentile_disc(0) WITHIN GROUP (ORDER BY taken_at) AS first_taken,
       percentile_disc(1) WITHIN GROUP (ORDER BY taken_at) AS last_taken,
       mode() WITHIN GROUP (ORDER BY pulse_bpm DESC) AS usual_pulse
FROM ehr.vital_sign

-- name: median_latest_systolic_per_zip3
SELECT substr(p.zip, 1, 3) AS zip3, count(*) AS patients,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY v.systolic_mmhg) AS median_systolic
FROM ehr.patient p
JOIN ehr.vital_sign v ON v.patient_id = p.patient_id
JOIN (SELECT patient_id, max(taken_at) AS latest
      FROM ehr.vital_sign WHERE systolic_mmhg IS NOT NULL GROUP BY patient_id) l
  ON l.patient_id = v.patient_id AND l.latest = v.taken_at
GROUP BY substr(p.zip, 1, 3)

-- name: days_supply_median_by_ehr_sex_across_sources
SELECT p.sex, count(*) AS fills,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY d.days_supply) AS median_days,
       percentile_disc(0.75) WITHIN GROUP (ORDER BY d.dispensed_on DESC) AS early_fill
FROM pharmacy.customer c
JOIN pharmacy.dispensing d ON d.customer_id = c.customer_id
JOIN ehr.patient p ON upper(p.family_name) = c.last_name AND p.birth_date = c.date_of_birth
GROUP BY p.sex

-- name: lab_codes_with_a_high_median
SELECT test_code, units, percentile_disc(0.5) WITHIN GROUP (ORDER BY result_value) AS median
FROM lab.lab_result
GROUP BY test_code, units
HAVING percentile_cont(0.5) WITHIN GROUP (ORDER BY result_value) > 10

-- name: percentile_of_no_values_is_null
SELECT sex, count(*) AS patients,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY CASE WHEN sex = 'F' THEN extract(year FROM birth_date) END) AS f_year,
       percentile_disc(0.5) WITHIN GROUP (ORDER BY CASE WHEN sex = 'F' THEN birth_date END) AS f_birth,
       mode() WITHIN GROUP (ORDER BY CASE WHEN sex = 'F' THEN birth_date END) AS f_mode
FROM ehr.patient
GROUP BY sex

-- name: percentile_over_an_empty_input
SELECT count(*) AS n, percentile_cont(0.5) WITHIN GROUP (ORDER BY days_supply) AS median
FROM pharmacy.dispensing
WHERE days_supply < 0
