-- Dates and times: date_trunc, extract, interval arithmetic (month ends
-- clamp), date +/- days, date - date, literals and casts, and current_date /
-- now() only in forms whose answer does not depend on the day it runs
-- (Riverside's own "today" is 2026-11-01).

-- name: encounters_per_week
SELECT date_trunc('week', start_at) AS week, count(*) AS encounters
FROM ehr.encounter
WHERE start_at >= timestamp '2026-08-01 00:00:00'
GROUP BY date_trunc('week', start_at)

-- name: truncations
SELECT encounter_id, date_trunc('year', start_at) AS y, date_trunc('quarter', start_at) AS q,
       date_trunc('day', start_at) AS d, date_trunc('hour', start_at) AS h, date_trunc('minute', end_at) AS m
FROM ehr.encounter
WHERE patient_id = 246

-- name: extract_fields
SELECT p.mrn, r.result_id, extract(year FROM r.collected_at) AS y, extract(month FROM r.collected_at) AS mo,
       extract(day FROM r.collected_at) AS d, extract(hour FROM r.collected_at) AS h, extract(minute FROM r.collected_at) AS mi,
       extract(dow FROM r.collected_at) AS dow, extract(doy FROM r.collected_at) AS doy, extract(quarter FROM r.collected_at) AS q,
       extract(year FROM p.birth_date) AS born
FROM lab.lab_result r
JOIN lab.patient l ON l.lab_patient_id = r.lab_patient_id
JOIN ehr.patient p ON p.mrn = l.ehr_mrn
WHERE p.city = 'Aurora' AND r.test_code IN ('GLU', 'GLUC')

-- name: extract_week_fields
SELECT dispensing_id, extract(isodow FROM dispensed_on) AS isodow, extract(week FROM dispensed_on) AS week,
       extract(isoyear FROM dispensed_on) AS isoyear, extract(epoch FROM dispensed_on) AS epoch
FROM pharmacy.dispensing
WHERE customer_id = 5000077

-- name: activity_by_weekday
SELECT src, extract(dow FROM day) AS weekday, count(*) AS events
FROM (SELECT 'pharmacy' AS src, dispensed_on AS day FROM pharmacy.dispensing
      UNION ALL SELECT 'ehr', CAST(start_at AS date) FROM ehr.encounter
      UNION ALL SELECT 'lab', CAST(collected_at AS date) FROM lab.lab_result) e
GROUP BY src, extract(dow FROM day)

-- name: days_between_dates
SELECT medication_order_id, end_date - start_date AS days, start_date + 90 AS plus_90, end_date - 1 AS day_before
FROM ehr.medication_order
WHERE rxnorm_code = '855332'

-- name: month_arithmetic_clamps_to_month_end
SELECT dispensing_id, dispensed_on, dispensed_on + interval '1 month' AS next_month,
       dispensed_on - interval '1 month' AS previous_month, dispensed_on + interval '1 year 2 months 3 days' AS later
FROM pharmacy.dispensing
WHERE extract(day FROM dispensed_on) >= 29 AND customer_id < 5000040

-- name: month_arithmetic_in_mariadb
SELECT result_id, collected_at, collected_at + interval '1 month' AS next_month, collected_at - interval '2 hours 30 minutes' AS earlier
FROM lab.lab_result
WHERE collected_at >= timestamp '2026-01-31 00:00:00' AND collected_at < timestamp '2026-02-01 00:00:00'

-- name: interval_filters_pushed_to_mariadb
SELECT test_code, count(*) AS late
FROM lab.lab_result
WHERE resulted_at > collected_at + interval '1 day' AND collected_at + interval '1 month' < timestamp '2026-03-01 00:00:00'
GROUP BY test_code

-- name: interval_filters_in_postgres
SELECT encounter_class, count(*) AS long_visits
FROM ehr.encounter
WHERE end_at > start_at + interval '45 minutes'
GROUP BY encounter_class

-- name: age_of_lab_tested_patients
SELECT extract(year FROM date '2026-11-01') - extract(year FROM p.birth_date) AS age_years, count(DISTINCT p.mrn) AS patients
FROM ehr.patient p
JOIN lab.patient l ON l.ehr_mrn = p.mrn
WHERE p.birth_date < date '1945-01-01'
GROUP BY 1

-- name: literal_forms
SELECT count(*) AS fills
FROM pharmacy.dispensing
WHERE dispensed_on >= DATE '2026-01-01' AND dispensed_on < '2026-02-01'::date
  AND dispensed_on <> CAST('2026-01-15' AS date)

-- name: filled_within_30_days_of_order
SELECT p.mrn, m.medication_name, m.start_date, min(d.dispensed_on) AS first_fill
FROM ehr.medication_order m
JOIN ehr.patient p ON p.patient_id = m.patient_id
JOIN pharmacy.customer c ON c.last_name = upper(p.family_name) AND c.date_of_birth = p.birth_date
JOIN pharmacy.dispensing d ON d.customer_id = c.customer_id
WHERE m.rxnorm_code = '855332' AND d.drug_name LIKE 'WARFARIN%'
  AND d.dispensed_on BETWEEN m.start_date AND m.start_date + 30
GROUP BY p.mrn, m.medication_name, m.start_date

-- name: clock_independent_current_date
SELECT current_date > date '2000-01-01' AS after_2000, now() > timestamp '2000-01-01 00:00:00' AS now_after_2000,
       count(*) AS patients
FROM ehr.patient
WHERE birth_date < current_date

-- name: lab_draws_and_visits_per_day
SELECT CASE WHEN l.day IS NULL THEN e.day ELSE l.day END AS day, l.results, e.visits
FROM (SELECT CAST(collected_at AS date) AS day, count(*) AS results
      FROM lab.lab_result WHERE collected_at >= timestamp '2026-10-01 00:00:00' GROUP BY CAST(collected_at AS date)) l
FULL JOIN (SELECT CAST(start_at AS date) AS day, count(*) AS visits
           FROM ehr.encounter WHERE start_at >= timestamp '2026-10-01 00:00:00' GROUP BY CAST(start_at AS date)) e
  ON e.day = l.day

-- name: monthly_activity_in_every_system
SELECT src, date_trunc('month', at) AS month, count(*) AS events
FROM (SELECT 'ehr' AS src, start_at AS at FROM ehr.encounter
      UNION ALL SELECT 'lab', collected_at FROM lab.lab_result
      UNION ALL SELECT 'pharmacy', CAST(dispensed_on AS timestamp) FROM pharmacy.dispensing) e
WHERE at >= timestamp '2026-05-01 00:00:00'
GROUP BY src, date_trunc('month', at)

-- name: timestamp_plus_days_and_hours
SELECT encounter_id, start_at + interval '1 day 2 hours' AS later, end_at - interval '90 minutes' AS earlier,
       start_at + interval '36 hours' AS h36
FROM ehr.encounter
WHERE patient_id = 101

-- name: dates_compared_across_sources
SELECT p.mrn, c.customer_id, p.registered_on, c.date_of_birth
FROM ehr.patient p
JOIN pharmacy.customer c ON c.last_name = upper(p.family_name) AND c.first_name = upper(p.given_name)
WHERE c.date_of_birth <> p.birth_date

-- name: visit_length_in_minutes
SELECT encounter_class, avg(extract(epoch FROM end_at - start_at) / 60) AS minutes
FROM ehr.encounter
GROUP BY encounter_class

-- name: birthdays_in_november
SELECT mrn, birth_date
FROM ehr.patient
WHERE extract(month FROM birth_date) = 11 AND extract(day FROM birth_date) BETWEEN 1 AND 7

-- name: weeks_around_new_year
SELECT dispensed_on, date_trunc('week', dispensed_on) AS week, extract(week FROM dispensed_on) AS week_number,
       extract(isoyear FROM dispensed_on) AS iso_year, extract(dow FROM dispensed_on) AS weekday, count(*) AS fills
FROM pharmacy.dispensing
WHERE dispensed_on BETWEEN date '2025-12-26' AND date '2026-01-06'
GROUP BY dispensed_on

-- name: days_from_order_to_first_fill
SELECT m.medication_order_id, min(d.dispensed_on) - m.start_date AS days_to_fill
FROM ehr.medication_order m
JOIN ehr.patient p ON p.patient_id = m.patient_id
JOIN pharmacy.customer c ON c.last_name = upper(p.family_name) AND c.date_of_birth = p.birth_date
JOIN pharmacy.dispensing d ON d.customer_id = c.customer_id AND d.dispensed_on >= m.start_date
WHERE m.rxnorm_code = '314076' AND m.start_date >= date '2026-01-01'
GROUP BY m.medication_order_id, m.start_date

-- name: monthly_results_for_ehr_diabetics
SELECT date_trunc('month', r.collected_at) AS month, count(*) AS results, avg(r.result_value) AS mean
FROM lab.lab_result r
JOIN lab.patient l ON l.lab_patient_id = r.lab_patient_id
JOIN ehr.patient p ON p.mrn = l.ehr_mrn
WHERE r.test_code IN ('HBA1C', 'A1C')
  AND p.patient_id IN (SELECT patient_id FROM ehr.condition WHERE icd10_code LIKE 'E11%')
GROUP BY date_trunc('month', r.collected_at)

-- name: draws_within_a_week_after_a_visit
SELECT e.encounter_class, count(*) AS draws
FROM ehr.encounter e
JOIN ehr.patient p ON p.patient_id = e.patient_id
JOIN lab.patient l ON l.ehr_mrn = p.mrn
JOIN lab.lab_result r ON r.lab_patient_id = l.lab_patient_id
WHERE r.collected_at > e.end_at AND r.collected_at < e.end_at + interval '7 days'
  AND e.start_at >= timestamp '2026-09-01 00:00:00'
GROUP BY e.encounter_class

-- name: quarters_of_activity
SELECT extract(quarter FROM at) AS quarter, extract(year FROM at) AS year, count(*) AS events
FROM (SELECT CAST(dispensed_on AS timestamp) AS at FROM pharmacy.dispensing
      UNION ALL SELECT collected_at FROM lab.lab_result
      UNION ALL SELECT start_at FROM ehr.encounter) t
GROUP BY 1, 2
