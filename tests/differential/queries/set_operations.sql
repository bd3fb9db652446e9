-- UNION [ALL], INTERSECT [ALL] and EXCEPT [ALL] across the three systems,
-- including text that differs only in case (distinct in PostgreSQL, equal
-- in MariaDB's own comparisons) and NULLs (equal for set operations).

-- name: family_names_in_every_system
SELECT upper(family_name) AS family, 'ehr' AS src FROM ehr.patient
UNION ALL
SELECT substr(patient_name, 1, strpos(patient_name, ',') - 1), 'lab' FROM lab.patient
UNION ALL
SELECT last_name, 'pharmacy' FROM pharmacy.customer

-- name: distinct_family_names
SELECT upper(family_name) AS family FROM ehr.patient
UNION
SELECT substr(patient_name, 1, strpos(patient_name, ',') - 1) FROM lab.patient
UNION
SELECT last_name FROM pharmacy.customer

-- name: families_in_ehr_and_pharmacy
SELECT upper(family_name) AS family FROM ehr.patient
INTERSECT
SELECT last_name FROM pharmacy.customer

-- name: families_only_in_ehr
SELECT upper(family_name) AS family FROM ehr.patient
EXCEPT
SELECT last_name FROM pharmacy.customer

-- name: sexes_intersect_all
SELECT sex FROM ehr.patient
INTERSECT ALL
SELECT CASE gender WHEN 'Male' THEN 'M' WHEN 'Female' THEN 'F' END FROM pharmacy.customer

-- name: zips_except_all
SELECT zip FROM ehr.patient
EXCEPT ALL
SELECT zip FROM lab.patient

-- name: latest_birth_dates_anywhere
-- ordered
SELECT birth_date AS born FROM ehr.patient
UNION
SELECT date_of_birth FROM pharmacy.customer
ORDER BY born DESC
LIMIT 20

-- name: decimal_union_integer
SELECT result_value AS amount FROM lab.lab_result WHERE test_code = 'INR'
UNION
SELECT days_supply FROM pharmacy.dispensing

-- name: union_keeps_one_null
SELECT middle_name AS middle FROM ehr.patient
UNION
SELECT middle_initial FROM pharmacy.customer

-- name: results_per_system
SELECT src, count(*) AS results, count(DISTINCT code) AS codes
FROM (SELECT 'ehr' AS src, loinc_code AS code FROM ehr.lab_result
      UNION ALL
      SELECT 'lab', test_code FROM lab.lab_result) r
GROUP BY src

-- name: mrns_known_to_the_lab
SELECT mrn FROM ehr.patient
INTERSECT
SELECT ehr_mrn FROM lab.patient

-- name: units_only_in_the_ehr
SELECT unit FROM ehr.lab_result
EXCEPT
SELECT units FROM lab.lab_result

-- name: nested_set_operations
(SELECT zip FROM ehr.patient WHERE state = 'KY' UNION SELECT zip FROM lab.patient WHERE sex = 'F')
EXCEPT
SELECT substr(postal_code, 1, 5) FROM pharmacy.customer WHERE gender = 'Male'

-- name: union_all_in_cte_joined
WITH people AS (
  SELECT mrn AS id, birth_date AS born FROM ehr.patient WHERE state = 'IN'
  UNION ALL
  SELECT CAST(customer_id AS text), date_of_birth FROM pharmacy.customer WHERE state = 'IN'
)
SELECT a.id AS ehr_id, b.id AS pharmacy_id, a.born
FROM people a
JOIN people b ON b.born = a.born AND a.id LIKE 'RV%' AND b.id NOT LIKE 'RV%'

-- name: intersect_then_count
SELECT count(*) AS shared_birth_dates
FROM (SELECT birth_date FROM ehr.patient INTERSECT SELECT date_of_birth FROM pharmacy.customer) t

-- name: except_all_with_duplicates
SELECT test_code FROM lab.lab_result WHERE lab_patient_id = 1000709
EXCEPT ALL
SELECT test_code FROM lab.lab_result WHERE lab_patient_id = 1000709 AND collected_at < timestamp '2025-01-01 00:00:00'

-- name: phones_in_ehr_and_pharmacy
SELECT replace(phone, '-', '') AS phone FROM ehr.patient
INTERSECT
SELECT phone FROM pharmacy.customer

-- name: zip3_without_lab_patients
SELECT substr(postal_code, 1, 3) AS zip3 FROM pharmacy.customer
EXCEPT
SELECT substr(zip, 1, 3) FROM lab.patient WHERE sex = 'M'
UNION
SELECT substr(zip, 1, 3) FROM ehr.patient WHERE state = 'IN'

-- name: birth_years_per_system
SELECT year, count(*) AS records
FROM (SELECT extract(year FROM birth_date) AS year FROM ehr.patient
      UNION ALL SELECT extract(year FROM date_of_birth) FROM pharmacy.customer
      UNION ALL SELECT CAST(substr(dob, 7, 4) AS integer) FROM lab.patient) y
WHERE year < 1935
GROUP BY year
