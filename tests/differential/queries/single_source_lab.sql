-- Queries on the lab system alone, a MariaDB source in the federated
-- configuration. MariaDB compares text without regard to case or trailing
-- spaces, so text conditions are sent as supersets and rechecked, and text
-- ordering, grouping and DISTINCT stay in the engine; these queries check
-- that the answers keep PostgreSQL's meaning anyway.

-- name: results_by_code_and_site
SELECT test_code, performing_site, count(*) AS results
FROM lab.lab_result
GROUP BY test_code, performing_site

-- name: patients_by_sex
SELECT sex, count(*) AS patients, count(ehr_mrn) AS linked_to_ehr
FROM lab.patient
GROUP BY sex

-- name: lower_case_sex_matches_nothing
SELECT count(*) AS female_lower_case
FROM lab.patient
WHERE sex = 'f'

-- name: trailing_space_code_matches_nothing
SELECT count(*) AS results
FROM lab.lab_result
WHERE test_code = 'GLU '

-- name: codes_in_list_case_sensitive
SELECT test_code, count(*) AS results
FROM lab.lab_result
WHERE test_code IN ('GLU', 'gluc', 'A1C', 'Hba1c')
GROUP BY test_code

-- name: like_is_case_sensitive
SELECT (SELECT count(*) FROM lab.patient WHERE patient_name LIKE 'smith%') AS lower_pattern,
       (SELECT count(*) FROM lab.patient WHERE patient_name LIKE 'SMITH%') AS upper_pattern

-- name: ilike_family_prefix
SELECT lab_patient_id, patient_name
FROM lab.patient
WHERE patient_name ILIKE 'mc%' OR patient_name ILIKE 'o''%'

-- name: test_codes_sorted
-- ordered
SELECT DISTINCT test_code
FROM lab.lab_result
ORDER BY test_code

-- name: name_and_dob_extremes
SELECT min(patient_name) AS first_name, max(patient_name) AS last_name, min(dob) AS min_dob_text, max(dob) AS max_dob_text
FROM lab.patient

-- name: highest_glucose
-- ordered
SELECT result_id, lab_patient_id, result_value
FROM lab.lab_result
WHERE test_code = 'GLU'
ORDER BY result_value DESC, result_id
LIMIT 10

-- name: numeric_and_time_filters
SELECT result_id, test_code, result_value
FROM lab.lab_result
WHERE result_value BETWEEN 5.7 AND 6.4 AND collected_at >= timestamp '2026-01-01 00:00:00'

-- name: slow_turnaround_by_site
SELECT performing_site, count(*) AS slow_results
FROM lab.lab_result
WHERE resulted_at > collected_at + interval '3 hours'
GROUP BY performing_site

-- name: numeric_sort_with_nulls_first
-- ordered
SELECT result_id, CASE WHEN abnormal_flag IS NULL THEN NULL ELSE result_value END AS flagged_value
FROM lab.lab_result
WHERE lab_patient_id BETWEEN 1000020 AND 1000040
ORDER BY CASE WHEN abnormal_flag IS NULL THEN NULL ELSE result_value END DESC NULLS FIRST, result_id
LIMIT 40

-- name: recent_results_in_one_zip
SELECT p.patient_name, r.test_code, r.result_value
FROM lab.patient p
JOIN lab.lab_result r ON r.lab_patient_id = p.lab_patient_id
WHERE p.zip = '45013' AND r.collected_at >= timestamp '2026-06-01 00:00:00'

-- name: frequent_high_values_pushed
SELECT lab_patient_id, count(*) AS results, min(collected_at) AS first_at, max(result_value) AS highest
FROM lab.lab_result
WHERE result_value > 100
GROUP BY lab_patient_id
HAVING count(*) > 20

-- name: average_small_values
SELECT lab_patient_id, avg(result_value) AS mean_value
FROM lab.lab_result
WHERE result_value < 10
GROUP BY lab_patient_id

-- name: results_per_sex_with_outer_join
SELECT p.sex, count(r.result_id) AS results, count(DISTINCT p.lab_patient_id) AS patients
FROM lab.patient p
LEFT JOIN lab.lab_result r ON r.lab_patient_id = p.lab_patient_id
GROUP BY p.sex

-- name: code_unit_pairs
SELECT DISTINCT test_code, units
FROM lab.lab_result

-- name: result_log_page
-- ordered
SELECT result_id, collected_at
FROM lab.lab_result
ORDER BY collected_at DESC, result_id DESC
LIMIT 10 OFFSET 100

-- name: distinct_counts
SELECT count(DISTINCT test_code) AS codes, count(DISTINCT units) AS units, count(DISTINCT lab_patient_id) AS patients,
       count(DISTINCT performing_site) AS sites
FROM lab.lab_result

-- name: accession_years
SELECT substr(accession, 1, 3) AS prefix, count(*) AS results
FROM lab.lab_result
GROUP BY substr(accession, 1, 3)

-- name: born_before_1940_from_text_dob
SELECT lab_patient_id, CAST(substr(dob, 7, 4) AS integer) AS birth_year
FROM lab.patient
WHERE substr(dob, 7, 4) < '1940'

-- name: mixed_case_units
SELECT units, count(*) AS results
FROM lab.lab_result
WHERE units IN ('mEq/L', 'meq/L', 'MEQ/L')
GROUP BY units

-- name: nullif_is_case_sensitive
SELECT result_id, performing_site, nullif(performing_site, 'main') AS not_lower_main, nullif(test_code, 'glu') AS not_lower_glu,
       nullif(performing_site, 'MAIN') AS not_main
FROM lab.lab_result
WHERE lab_patient_id IN (1000026, 1000709)
