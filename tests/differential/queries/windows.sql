-- Window functions: row_number, rank, dense_rank, lag and lead over
-- PARTITION BY / ORDER BY, computed by the engine above every source. Each
-- ORDER BY inside OVER breaks ties with a key where the function needs it.

-- name: latest_inr_per_ehr_patient
SELECT mrn, result_value, collected_at
FROM (SELECT p.mrn, r.result_value, r.collected_at,
             row_number() OVER (PARTITION BY p.mrn ORDER BY r.collected_at DESC, r.result_id DESC) AS rn
      FROM lab.lab_result r
      JOIN lab.patient l ON l.lab_patient_id = r.lab_patient_id
      JOIN ehr.patient p ON p.mrn = l.ehr_mrn
      WHERE r.test_code IN ('INR', 'PT_INR')) t
WHERE rn = 1

-- name: drug_rank_per_ehr_state
SELECT p.state, d.drug_name, count(*) AS fills,
       rank() OVER (PARTITION BY p.state ORDER BY count(*) DESC) AS rnk
FROM pharmacy.customer c
JOIN pharmacy.dispensing d ON d.customer_id = c.customer_id
JOIN ehr.patient p ON upper(p.family_name) = c.last_name AND p.birth_date = c.date_of_birth
GROUP BY p.state, d.drug_name

-- name: dense_rank_of_visit_counts
SELECT patient_id, visits, dense_rank() OVER (ORDER BY visits DESC) AS dr, rank() OVER (ORDER BY visits DESC) AS r
FROM (SELECT patient_id, count(*) AS visits FROM ehr.encounter GROUP BY patient_id) v

-- name: inr_change_from_previous
SELECT result_id, lab_patient_id, result_value,
       lag(result_value) OVER (PARTITION BY lab_patient_id ORDER BY collected_at, result_id) AS previous,
       result_value - lag(result_value, 1, 0) OVER (PARTITION BY lab_patient_id ORDER BY collected_at, result_id) AS change,
       lag(result_value, 2) OVER (PARTITION BY lab_patient_id ORDER BY collected_at, result_id) AS two_back
FROM lab.lab_result
WHERE test_code = 'INR'

-- name: next_fill_of_each_prescription
SELECT dispensing_id, rx_number, fill_number, dispensed_on,
       lead(dispensed_on) OVER (PARTITION BY rx_number ORDER BY fill_number, dispensing_id) AS next_fill,
       lead(fill_number, 1, -1) OVER (PARTITION BY rx_number ORDER BY fill_number, dispensing_id) AS next_number
FROM pharmacy.dispensing
WHERE customer_id < 5000030

-- name: numbered_patients
-- ordered
SELECT row_number() OVER (ORDER BY birth_date DESC, patient_id) AS n, mrn, birth_date
FROM ehr.patient
WHERE state = 'IN'
ORDER BY n

-- name: rank_over_aggregate
SELECT drug_name, count(*) AS fills, rank() OVER (ORDER BY count(*) DESC) AS rnk,
       row_number() OVER (ORDER BY count(*) DESC, drug_name) AS rn
FROM pharmacy.dispensing
GROUP BY drug_name

-- name: partition_by_mixed_case_text
SELECT unit, src, id, row_number() OVER (PARTITION BY unit ORDER BY src, id) AS rn
FROM (SELECT unit, 'ehr' AS src, lab_result_id AS id FROM ehr.lab_result WHERE unit IN ('meq/L', 'mmol/L') AND patient_id < 60
      UNION ALL
      SELECT units, 'lab', result_id FROM lab.lab_result WHERE units IN ('mEq/L', 'mmol/L') AND lab_patient_id < 1000030) u

-- name: partition_by_mariadb_text
SELECT test_code, result_id, rank() OVER (PARTITION BY test_code ORDER BY result_value DESC) AS rnk
FROM lab.lab_result
WHERE lab_patient_id = 1000709

-- name: rank_with_nulls_first
SELECT customer_id, middle_initial, rank() OVER (ORDER BY middle_initial NULLS FIRST) AS rnk
FROM pharmacy.customer
WHERE state = 'IN'

-- name: several_windows
SELECT encounter_id, patient_id, encounter_class,
       row_number() OVER (PARTITION BY patient_id ORDER BY start_at, encounter_id) AS nth_visit,
       rank() OVER (PARTITION BY encounter_class ORDER BY start_at) AS class_rank,
       lag(encounter_class) OVER (PARTITION BY patient_id ORDER BY start_at, encounter_id) AS previous_class
FROM ehr.encounter
WHERE patient_id IN (101, 246, 741)

-- name: window_over_cross_source_join
SELECT p.mrn, r.test_code, r.collected_at, r.result_value,
       row_number() OVER (PARTITION BY p.mrn, r.test_code ORDER BY r.collected_at, r.result_id) AS nth
FROM ehr.patient p
JOIN lab.patient l ON l.ehr_mrn = p.mrn
JOIN lab.lab_result r ON r.lab_patient_id = l.lab_patient_id
WHERE p.city = 'Aurora' AND r.test_code IN ('GLU', 'GLUC')

-- name: window_then_aggregate
WITH gaps AS (
  SELECT customer_id, drug_name, dispensed_on,
         lag(dispensed_on) OVER (PARTITION BY customer_id, drug_name ORDER BY dispensed_on, dispensing_id) AS previous_fill
  FROM pharmacy.dispensing
)
SELECT drug_name, count(*) AS refills, avg(dispensed_on - previous_fill) AS mean_gap_days, max(dispensed_on - previous_fill) AS longest_gap
FROM gaps
WHERE previous_fill IS NOT NULL
GROUP BY drug_name

-- name: named_window
SELECT result_id, lab_patient_id, result_value,
       rank() OVER w AS rnk, lag(result_value) OVER w AS previous
FROM lab.lab_result
WHERE test_code = 'HBA1C' AND lab_patient_id < 1000200
WINDOW w AS (PARTITION BY lab_patient_id ORDER BY collected_at, result_id)

-- name: top_three_results_per_code
SELECT test_code, result_id, result_value
FROM (SELECT test_code, result_id, result_value,
             row_number() OVER (PARTITION BY test_code ORDER BY result_value DESC, result_id) AS rn
      FROM lab.lab_result) t
WHERE rn <= 3

-- name: weight_trend_per_patient
SELECT patient_id, taken_at, weight_lb,
       weight_lb - lag(weight_lb) OVER (PARTITION BY patient_id ORDER BY taken_at, vital_sign_id) AS gained,
       lead(taken_at) OVER (PARTITION BY patient_id ORDER BY taken_at, vital_sign_id) AS next_reading
FROM ehr.vital_sign
WHERE patient_id IN (SELECT patient_id FROM ehr.condition WHERE icd10_code LIKE 'I50%')
  AND taken_at >= timestamp '2026-06-01 00:00:00'

-- name: lag_across_batch_boundaries
SELECT test_code, count(*) AS results, sum(CASE WHEN previous = result_value THEN 1 ELSE 0 END) AS repeats,
       count(previous) AS with_previous
FROM (SELECT test_code, result_value, lag(result_value) OVER (PARTITION BY test_code ORDER BY result_id) AS previous
      FROM lab.lab_result) t
GROUP BY test_code

-- name: rank_ties_across_batch_boundaries
SELECT test_code, max(rk) AS last_rank, count(DISTINCT rk) AS distinct_ranks, max(drk) AS last_dense_rank
FROM (SELECT test_code, rank() OVER (PARTITION BY test_code ORDER BY result_value) AS rk,
             dense_rank() OVER (PARTITION BY test_code ORDER BY result_value) AS drk
      FROM lab.lab_result) t
GROUP BY test_code

-- name: number_records_across_systems
SELECT src, id, born, row_number() OVER (PARTITION BY born ORDER BY src, id) AS nth
FROM (SELECT 'ehr' AS src, patient_id AS id, birth_date AS born FROM ehr.patient WHERE state = 'IN'
      UNION ALL
      SELECT 'pharmacy', customer_id, date_of_birth FROM pharmacy.customer WHERE state = 'IN') t

-- name: next_fill_per_ehr_patient
SELECT p.mrn, d.drug_name, d.dispensed_on,
       lead(d.dispensed_on) OVER (PARTITION BY p.mrn, d.drug_name ORDER BY d.dispensed_on, d.dispensing_id) AS next_fill
FROM pharmacy.dispensing d
JOIN pharmacy.customer c ON c.customer_id = d.customer_id
JOIN ehr.patient p ON upper(p.family_name) = c.last_name AND p.birth_date = c.date_of_birth
WHERE p.city = 'Aurora'

-- name: most_tested_patients_per_ehr_state
SELECT state, mrn, results, rnk
FROM (SELECT p.state, p.mrn, count(*) AS results, rank() OVER (PARTITION BY p.state ORDER BY count(*) DESC) AS rnk
      FROM lab.lab_result r
      JOIN lab.patient l ON l.lab_patient_id = r.lab_patient_id
      JOIN ehr.patient p ON p.mrn = l.ehr_mrn
      GROUP BY p.state, p.mrn) t
WHERE rnk <= 3

-- name: dense_rank_of_drugs_for_lab_patients
SELECT drug_name, customers, dense_rank() OVER (ORDER BY customers DESC) AS dr
FROM (SELECT d.drug_name, count(DISTINCT c.customer_id) AS customers
      FROM pharmacy.dispensing d
      JOIN pharmacy.customer c ON c.customer_id = d.customer_id
      JOIN ehr.patient p ON upper(p.family_name) = c.last_name AND p.birth_date = c.date_of_birth
      JOIN lab.patient l ON l.ehr_mrn = p.mrn
      GROUP BY d.drug_name) t

-- name: lag_between_lab_draw_and_fill
SELECT mrn, kind, at, lag(kind) OVER (PARTITION BY mrn ORDER BY at, kind, id) AS previous_kind
FROM (SELECT p.mrn, 'draw' AS kind, CAST(r.collected_at AS date) AS at, r.result_id AS id
      FROM lab.lab_result r JOIN lab.patient l ON l.lab_patient_id = r.lab_patient_id
      JOIN ehr.patient p ON p.mrn = l.ehr_mrn
      WHERE p.mrn = 'RV1015838'
      UNION ALL
      SELECT p.mrn, 'fill', d.dispensed_on, d.dispensing_id
      FROM pharmacy.dispensing d JOIN pharmacy.customer c ON c.customer_id = d.customer_id
      JOIN ehr.patient p ON upper(p.family_name) = c.last_name AND p.birth_date = c.date_of_birth
      WHERE p.mrn = 'RV1015838') t

-- name: running_fill_total_per_customer
SELECT customer_id, dispensed_on, dispensing_id, quantity,
       sum(quantity) OVER (PARTITION BY customer_id ORDER BY dispensed_on) AS running_quantity,
       count(*) OVER (PARTITION BY customer_id ORDER BY dispensed_on) AS fills_so_far
FROM pharmacy.dispensing
WHERE customer_id <= 5000060

-- name: share_of_state_total
SELECT p.state, p.mrn, e.visits,
       sum(e.visits) OVER (PARTITION BY p.state) AS state_visits,
       max(e.visits) OVER (PARTITION BY p.state) AS most_in_state,
       min(e.visits) OVER (PARTITION BY p.state) AS fewest_in_state
FROM ehr.patient p
JOIN (SELECT patient_id, count(*) AS visits FROM ehr.encounter GROUP BY patient_id) e ON e.patient_id = p.patient_id

-- name: running_average_of_lab_values_across_sources
SELECT p.mrn, r.collected_at, r.result_id, r.result_value,
       avg(r.result_value) OVER (PARTITION BY p.mrn ORDER BY r.collected_at, r.result_id) AS running_avg,
       count(r.result_value) OVER (PARTITION BY p.mrn ORDER BY r.collected_at, r.result_id) AS n
FROM lab.lab_result r
JOIN lab.patient l ON l.lab_patient_id = r.lab_patient_id
JOIN ehr.patient p ON p.mrn = l.ehr_mrn
WHERE r.test_code = 'INR' AND p.state = 'KY'

-- name: window_sum_over_an_aggregate_with_peers
SELECT drug_name, count(*) AS fills,
       sum(count(*)) OVER (ORDER BY count(*) DESC) AS fills_up_to_here
FROM pharmacy.dispensing
GROUP BY drug_name
