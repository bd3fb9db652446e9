-- WITH, subqueries in FROM, IN / NOT IN, EXISTS / NOT EXISTS and scalar
-- subqueries, mostly with the subquery in another source than the outer
-- query.

-- name: cte_fills_per_customer
WITH fills AS (
  SELECT customer_id, count(*) AS n, max(dispensed_on) AS last_fill
  FROM pharmacy.dispensing
  GROUP BY customer_id
)
SELECT p.state, count(*) AS customers, max(f.n) AS most_fills, min(f.last_fill) AS earliest_last_fill
FROM fills f
JOIN pharmacy.customer c ON c.customer_id = f.customer_id
JOIN ehr.patient p ON upper(p.family_name) = c.last_name AND p.birth_date = c.date_of_birth
GROUP BY p.state

-- name: two_ctes_joined_across_sources
WITH a1c AS (
  SELECT l.ehr_mrn, max(r.result_value) AS worst
  FROM lab.patient l JOIN lab.lab_result r ON r.lab_patient_id = l.lab_patient_id
  WHERE r.test_code IN ('HBA1C', 'A1C')
  GROUP BY l.ehr_mrn
),
diabetics AS (
  SELECT DISTINCT p.mrn
  FROM ehr.patient p JOIN ehr.condition c ON c.patient_id = p.patient_id
  WHERE c.icd10_code LIKE 'E11%'
)
SELECT d.mrn, a.worst
FROM diabetics d
LEFT JOIN a1c a ON a.ehr_mrn = d.mrn

-- name: cte_used_twice
WITH visits AS (
  SELECT patient_id, encounter_class, count(*) AS n
  FROM ehr.encounter
  GROUP BY patient_id, encounter_class
)
SELECT e.patient_id, e.n AS emergency_visits, a.n AS office_visits
FROM visits e
JOIN visits a ON a.patient_id = e.patient_id AND a.encounter_class = 'AMB'
WHERE e.encounter_class = 'EMER' AND e.n >= 2

-- name: from_subquery_joined_to_other_source
SELECT p.mrn, p.family_name, t.results
FROM (SELECT l.ehr_mrn, count(*) AS results
      FROM lab.patient l JOIN lab.lab_result r ON r.lab_patient_id = l.lab_patient_id
      GROUP BY l.ehr_mrn) t
JOIN ehr.patient p ON p.mrn = t.ehr_mrn
WHERE t.results > 40

-- name: in_subquery_other_source
SELECT mrn, family_name
FROM ehr.patient
WHERE mrn IN (SELECT ehr_mrn FROM lab.patient WHERE sex = 'F') AND state = 'OH'

-- name: not_in_with_nulls_is_empty
SELECT count(*) AS unmatched
FROM ehr.patient
WHERE mrn NOT IN (SELECT ehr_mrn FROM lab.patient)

-- name: not_in_without_nulls
SELECT mrn, city
FROM ehr.patient
WHERE mrn NOT IN (SELECT ehr_mrn FROM lab.patient WHERE ehr_mrn IS NOT NULL) AND state = 'KY'

-- name: exists_correlated_other_source
SELECT p.mrn
FROM ehr.patient p
WHERE EXISTS (SELECT 1 FROM lab.patient l WHERE l.ehr_mrn = p.mrn AND l.sex = 'M')

-- name: diabetics_never_tested_in_lab
SELECT DISTINCT p.mrn
FROM ehr.patient p
JOIN ehr.condition c ON c.patient_id = p.patient_id
WHERE c.icd10_code LIKE 'E11%'
  AND NOT EXISTS (SELECT 1
                  FROM lab.patient l JOIN lab.lab_result r ON r.lab_patient_id = l.lab_patient_id
                  WHERE l.ehr_mrn = p.mrn AND r.test_code IN ('HBA1C', 'A1C'))

-- name: exists_uncorrelated
SELECT count(*) AS patients
FROM ehr.patient
WHERE EXISTS (SELECT 1 FROM pharmacy.dispensing WHERE drug_name LIKE 'ELIQUIS%') AND sex = 'F'

-- name: not_exists_uncorrelated_false
SELECT count(*) AS patients
FROM ehr.patient
WHERE NOT EXISTS (SELECT 1 FROM pharmacy.dispensing WHERE drug_name LIKE 'ELIQUIS%')

-- name: above_average_glucose
SELECT result_id, result_value
FROM lab.lab_result
WHERE test_code = 'GLU'
  AND result_value > (SELECT avg(result_value) + 80 FROM ehr.lab_result WHERE loinc_code = '2345-7')

-- name: share_of_all_fills
SELECT drug_name, count(*) AS fills, (SELECT count(*) FROM pharmacy.dispensing) AS all_fills,
       100.0 * count(*) / (SELECT count(*) FROM pharmacy.dispensing) AS pct
FROM pharmacy.dispensing
GROUP BY drug_name

-- name: share_of_all_fills_via_cross_join
SELECT d.drug_name, count(*) AS fills, t.all_fills, 100.0 * count(*) / t.all_fills AS pct
FROM pharmacy.dispensing d
CROSS JOIN (SELECT count(*) AS all_fills FROM pharmacy.dispensing) t
GROUP BY d.drug_name, t.all_fills

-- name: frequent_visitors_in_subquery
SELECT l.lab_patient_id, l.patient_name
FROM lab.patient l
WHERE l.ehr_mrn IN (SELECT p.mrn FROM ehr.patient p JOIN ehr.encounter e ON e.patient_id = p.patient_id
                    GROUP BY p.mrn HAVING count(*) > 30)

-- name: nested_from_subqueries
SELECT band, count(*) AS patients, avg(visits) AS mean_visits
FROM (SELECT CASE WHEN visits >= 20 THEN 'high' WHEN visits >= 10 THEN 'medium' ELSE 'low' END AS band, visits
      FROM (SELECT patient_id, count(*) AS visits FROM ehr.encounter GROUP BY patient_id) v) b
GROUP BY band

-- name: warfarin_customers_known_to_ehr
SELECT c.customer_id, c.last_name
FROM pharmacy.customer c
WHERE c.customer_id IN (SELECT customer_id FROM pharmacy.dispensing WHERE drug_name LIKE 'WARFARIN%')
  AND c.last_name IN (SELECT upper(family_name) FROM ehr.patient WHERE state <> 'IN')

-- name: correlated_in_subquery
SELECT c.customer_id, c.last_name
FROM pharmacy.customer c
WHERE c.last_name IN (SELECT upper(family_name) FROM ehr.patient p WHERE p.state = c.state AND p.sex = 'F')

-- name: scalar_subquery_empty_is_null
SELECT mrn, (SELECT max(result_value) FROM lab.lab_result WHERE test_code = 'NONE') AS nothing
FROM ehr.patient
WHERE patient_id <= 3

-- name: correlated_scalar_subquery
SELECT p.mrn, (SELECT count(*) FROM ehr.encounter e WHERE e.patient_id = p.patient_id) AS visits
FROM ehr.patient p
WHERE p.state = 'IN'

-- name: in_subquery_in_select_list
SELECT mrn, mrn IN (SELECT ehr_mrn FROM lab.patient WHERE ehr_mrn IS NOT NULL) AS in_lab
FROM ehr.patient
WHERE state = 'IN'

-- name: exists_under_or
SELECT mrn
FROM ehr.patient p
WHERE p.state = 'IN' OR EXISTS (SELECT 1 FROM lab.patient l WHERE l.ehr_mrn = p.mrn AND l.zip = '41076')

-- name: latest_a1c_per_patient
WITH ranked AS (
  SELECT l.ehr_mrn, r.result_value, r.collected_at,
         row_number() OVER (PARTITION BY l.ehr_mrn ORDER BY r.collected_at DESC, r.result_id DESC) AS rn
  FROM lab.patient l JOIN lab.lab_result r ON r.lab_patient_id = l.lab_patient_id
  WHERE r.test_code IN ('HBA1C', 'A1C') AND l.ehr_mrn IS NOT NULL
)
SELECT p.mrn, p.family_name, k.result_value, k.collected_at
FROM ranked k
JOIN ehr.patient p ON p.mrn = k.ehr_mrn
WHERE k.rn = 1

-- name: not_in_list_subquery_of_integers
SELECT count(*) AS customers
FROM pharmacy.customer
WHERE customer_id NOT IN (SELECT customer_id FROM pharmacy.dispensing WHERE days_supply >= 90)

-- name: in_subquery_with_limit
SELECT p.mrn
FROM ehr.patient p
WHERE p.mrn IN (SELECT ehr_mrn FROM lab.patient WHERE ehr_mrn IS NOT NULL ORDER BY lab_patient_id LIMIT 25)

-- name: customers_in_ehr_cities
SELECT c.customer_id, c.city
FROM pharmacy.customer c
WHERE c.city IN (SELECT upper(city) FROM ehr.patient WHERE state = 'KY') AND c.gender = 'Female'

-- name: lab_patients_without_ehr_encounters_this_year
SELECT l.lab_patient_id, l.ehr_mrn
FROM lab.patient l
WHERE l.ehr_mrn IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM ehr.patient p JOIN ehr.encounter e ON e.patient_id = p.patient_id
                  WHERE p.mrn = l.ehr_mrn AND e.start_at >= timestamp '2026-01-01 00:00:00')

-- name: fills_above_the_ehr_average_supply
SELECT drug_name, count(*) AS fills
FROM pharmacy.dispensing
WHERE days_supply > (SELECT avg(days_supply) FROM ehr.medication_order WHERE status = 'active')
GROUP BY drug_name

-- name: cte_people_from_every_system
WITH people AS (
  SELECT 'ehr' AS src, upper(family_name) AS family, birth_date AS born FROM ehr.patient
  UNION ALL
  SELECT 'pharmacy', last_name, date_of_birth FROM pharmacy.customer
  UNION ALL
  SELECT 'lab', substr(patient_name, 1, strpos(patient_name, ',') - 1),
         CAST(substr(dob, 7, 4) || '-' || substr(dob, 1, 2) || '-' || substr(dob, 4, 2) AS date)
  FROM lab.patient
)
SELECT family, born, count(DISTINCT src) AS systems, count(*) AS records
FROM people
GROUP BY family, born
HAVING count(DISTINCT src) = 3 AND count(*) > 3

-- name: exists_or_other_condition
SELECT p.mrn, p.state
FROM ehr.patient p
WHERE p.state = 'OH'
   OR EXISTS (SELECT 1 FROM lab.patient l WHERE l.ehr_mrn = p.mrn AND l.sex = 'F')

-- name: not_exists_or_other_condition
SELECT count(*) AS n
FROM ehr.patient p
WHERE p.sex = 'M'
   OR NOT EXISTS (SELECT 1 FROM pharmacy.customer c
                  WHERE c.last_name = upper(p.family_name) AND c.date_of_birth = p.birth_date)

-- name: exists_in_select_list
SELECT p.mrn, EXISTS (SELECT 1 FROM lab.patient l WHERE l.ehr_mrn = p.mrn) AS in_lab
FROM ehr.patient p
WHERE p.state = 'OH'

-- name: in_subquery_with_nulls_in_select_list
SELECT p.mrn, p.mrn IN (SELECT ehr_mrn FROM lab.patient WHERE sex = 'F') AS female_in_lab
FROM ehr.patient p

-- name: in_subquery_with_null_on_the_left
SELECT l.lab_patient_id, l.ehr_mrn IN (SELECT mrn FROM ehr.patient WHERE state = 'OH') AS in_ohio
FROM lab.patient l

-- name: not_in_inside_case_grouped
SELECT CASE WHEN p.mrn NOT IN (SELECT ehr_mrn FROM lab.patient WHERE ehr_mrn IS NOT NULL) THEN 'no lab' ELSE 'lab' END AS k,
       count(*) AS n
FROM ehr.patient p
GROUP BY 1

-- name: correlated_in_or_other_condition
SELECT p.mrn
FROM ehr.patient p
WHERE p.state = 'OH'
   OR p.zip IN (SELECT l.zip FROM lab.patient l WHERE l.ehr_mrn = p.mrn)

-- name: correlated_not_in_and_ed
SELECT count(*) AS n
FROM ehr.patient p
WHERE p.zip NOT IN (SELECT l.zip FROM lab.patient l WHERE l.ehr_mrn = p.mrn)

-- name: not_in_with_correlated_inequality_or
SELECT count(*) AS n
FROM ehr.patient p
WHERE p.state = 'OH'
   OR p.mrn NOT IN (SELECT l.ehr_mrn FROM lab.patient l WHERE l.zip < p.zip)

-- name: exists_in_having
SELECT p.state, count(*) AS n
FROM ehr.patient p
GROUP BY p.state
HAVING EXISTS (SELECT 1 FROM pharmacy.customer c WHERE c.state = p.state AND c.gender IS NULL)

-- name: exists_inside_aggregate
SELECT p.state,
       sum(CASE WHEN EXISTS (SELECT 1 FROM lab.patient l WHERE l.ehr_mrn = p.mrn) THEN 1 ELSE 0 END) AS in_lab,
       count(*) AS n
FROM ehr.patient p
GROUP BY p.state

-- name: not_exists_keyed_with_inequality_or
SELECT count(*) AS n
FROM pharmacy.customer c
WHERE c.state = 'IN'
   OR NOT EXISTS (SELECT 1 FROM ehr.patient p WHERE p.birth_date < c.date_of_birth AND p.zip = c.postal_code)

-- name: exists_grouped_by_its_outer_column
SELECT p.state, EXISTS (SELECT 1 FROM pharmacy.customer c WHERE c.state = p.state) AS has_customers, count(*) AS n
FROM ehr.patient p
GROUP BY p.state

-- name: in_subquery_in_order_by
-- ordered
SELECT p.mrn
FROM ehr.patient p
WHERE p.state = 'OH'
ORDER BY p.mrn IN (SELECT ehr_mrn FROM lab.patient WHERE ehr_mrn IS NOT NULL), p.mrn
