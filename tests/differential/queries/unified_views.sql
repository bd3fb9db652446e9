-- Questions over the unified views (observation, condition, medication,
-- procedure, encounter, patient), each answered a second time by hand over
-- the central database: the sources' own tables (schemas ehr, lab,
-- pharmacy) and the ground truth (schema truth). The views run in the
-- unified session, whose link index holds the true links (enterprise id =
-- truth person_id), so the central side joins truth.person_records where
-- the views join the index, translates codes and units with truth.code_map,
-- and removes the reports truth.same_facts says are one fact.
--
-- A source row under its true person, by hand:
--   JOIN truth.person_records pr ON pr.source = 'ehr' AND pr.record_type = 'patient'
--    AND pr.record_id = CAST(r.patient_id AS text)

-- name: hba1c_per_person
-- Every HbA1c (LOINC 4548-4) of a person, from the EHR's LOINC-coded results
-- and the lab's local codes (HBA1C at the main site, A1C at the north
-- site), each reported fact once.
SELECT patient_id, count(*) AS results, min(value) AS lowest, max(value) AS highest, avg(value) AS mean
FROM observation
WHERE code = '4548-4'
GROUP BY patient_id
-- central:
WITH result AS (
  SELECT pr.person_id, CAST(r.result_value AS double precision) * c.factor + c."offset" AS value
  FROM ehr.lab_result r
  JOIN truth.person_records pr ON pr.source = 'ehr' AND pr.record_type = 'patient'
   AND pr.record_id = CAST(r.patient_id AS text)
  JOIN truth.code_map c ON c.source = 'ehr' AND c."table" = 'lab_result' AND c.code = r.loinc_code AND c.unit = r.unit
  WHERE c.standard_code = '4548-4'
    AND NOT EXISTS (SELECT 1 FROM truth.same_facts f WHERE f.source = 'ehr' AND f.record_id = r.lab_result_id)
  UNION ALL
  SELECT pr.person_id, CAST(r.result_value AS double precision) * c.factor + c."offset"
  FROM lab.lab_result r
  JOIN truth.person_records pr ON pr.source = 'lab' AND pr.record_type = 'patient'
   AND pr.record_id = CAST(r.lab_patient_id AS text)
  JOIN truth.code_map c ON c.source = 'lab' AND c."table" = 'lab_result' AND c.code = r.test_code AND c.unit = r.units
  WHERE c.standard_code = '4548-4'
)
SELECT person_id, count(*), min(value), max(value), avg(value)
FROM result
GROUP BY person_id

-- name: glucose_mg_dl_per_person
-- Fasting glucose in mg/dL: the north site reports mmol/L under GLUC (and
-- the EHR files those under 14749-6), converted with the code map's factor.
SELECT patient_id, unit, count(*) AS results, round(min(value), 2) AS lowest, round(max(value), 2) AS highest
FROM observation
WHERE code = '2345-7'
GROUP BY patient_id, unit
-- central:
WITH result AS (
  SELECT pr.person_id, c.standard_unit, CAST(r.result_value AS double precision) * c.factor + c."offset" AS value
  FROM ehr.lab_result r
  JOIN truth.person_records pr ON pr.source = 'ehr' AND pr.record_type = 'patient'
   AND pr.record_id = CAST(r.patient_id AS text)
  JOIN truth.code_map c ON c.source = 'ehr' AND c."table" = 'lab_result' AND c.code = r.loinc_code AND c.unit = r.unit
  WHERE c.standard_code = '2345-7'
    AND NOT EXISTS (SELECT 1 FROM truth.same_facts f WHERE f.source = 'ehr' AND f.record_id = r.lab_result_id)
  UNION ALL
  SELECT pr.person_id, c.standard_unit, CAST(r.result_value AS double precision) * c.factor + c."offset"
  FROM lab.lab_result r
  JOIN truth.person_records pr ON pr.source = 'lab' AND pr.record_type = 'patient'
   AND pr.record_id = CAST(r.lab_patient_id AS text)
  JOIN truth.code_map c ON c.source = 'lab' AND c."table" = 'lab_result' AND c.code = r.test_code AND c.unit = r.units
  WHERE c.standard_code = '2345-7'
)
SELECT person_id, standard_unit, count(*), round(CAST(min(value) AS numeric), 2), round(CAST(max(value) AS numeric), 2)
FROM result
GROUP BY person_id, standard_unit

-- name: lab_observations_per_code_and_unit
-- Every laboratory result in one vocabulary: LOINC codes in their canonical
-- unit, however each system coded and measured it, each fact once.
SELECT code, unit, count(*) AS results, count(DISTINCT patient_id) AS people
FROM observation
WHERE category = 'laboratory'
GROUP BY code, unit
-- central:
WITH result AS (
  SELECT pr.person_id, c.standard_code, c.standard_unit
  FROM ehr.lab_result r
  JOIN truth.person_records pr ON pr.source = 'ehr' AND pr.record_type = 'patient'
   AND pr.record_id = CAST(r.patient_id AS text)
  JOIN truth.code_map c ON c.source = 'ehr' AND c."table" = 'lab_result' AND c.code = r.loinc_code AND c.unit = r.unit
  WHERE NOT EXISTS (SELECT 1 FROM truth.same_facts f WHERE f.source = 'ehr' AND f.record_id = r.lab_result_id)
  UNION ALL
  SELECT pr.person_id, c.standard_code, c.standard_unit
  FROM lab.lab_result r
  JOIN truth.person_records pr ON pr.source = 'lab' AND pr.record_type = 'patient'
   AND pr.record_id = CAST(r.lab_patient_id AS text)
  JOIN truth.code_map c ON c.source = 'lab' AND c."table" = 'lab_result' AND c.code = r.test_code AND c.unit = r.units
)
SELECT standard_code, standard_unit, count(*), count(DISTINCT person_id)
FROM result
GROUP BY standard_code, standard_unit

-- name: deduplicated_results_per_person_and_code
-- A person's results per code once deduplicated: every report the sources
-- hold, less one for each extra report of a fact the truth lists.
SELECT patient_id, code, count(*) AS results
FROM observation
WHERE category = 'laboratory'
GROUP BY patient_id, code
-- central:
WITH report AS (
  SELECT pr.person_id, c.standard_code
  FROM ehr.lab_result r
  JOIN truth.person_records pr ON pr.source = 'ehr' AND pr.record_type = 'patient'
   AND pr.record_id = CAST(r.patient_id AS text)
  JOIN truth.code_map c ON c.source = 'ehr' AND c."table" = 'lab_result' AND c.code = r.loinc_code AND c.unit = r.unit
  UNION ALL
  SELECT pr.person_id, c.standard_code
  FROM lab.lab_result r
  JOIN truth.person_records pr ON pr.source = 'lab' AND pr.record_type = 'patient'
   AND pr.record_id = CAST(r.lab_patient_id AS text)
  JOIN truth.code_map c ON c.source = 'lab' AND c."table" = 'lab_result' AND c.code = r.test_code AND c.unit = r.units
),
reports AS (SELECT person_id, standard_code, count(*) AS n FROM report GROUP BY person_id, standard_code),
extra AS (
  SELECT person_id, loinc, sum(n - 1) AS n
  FROM (SELECT fact_id, person_id, loinc, count(*) AS n FROM truth.same_facts GROUP BY fact_id, person_id, loinc) AS f
  GROUP BY person_id, loinc
)
SELECT r.person_id, r.standard_code, r.n - coalesce(e.n, 0)
FROM reports r
LEFT JOIN extra e ON e.person_id = r.person_id AND e.loinc = r.standard_code

-- name: merged_facts
-- The results reported by more than one system (or twice by the EHR), as
-- the deduplication merged them: whose, which code, which sources, how many
-- reports, when; none of them in conflict.
SELECT patient_id, code, sources, length(source_records) - length(replace(source_records, ',', '')) + 1 AS reports,
       effective_at, conflicting
FROM observation
WHERE category = 'laboratory' AND source_records LIKE '%,%'
-- central:
SELECT person_id, loinc, string_agg(DISTINCT source, ',' ORDER BY source), count(*), min(effective_at), false
FROM truth.same_facts
GROUP BY fact_id, person_id, loinc

-- name: observations_in_conflict
-- known: the deduplication (same person and code within 300 s, values within 2%) takes two vital-sign measurements of two encounters 4 minutes apart (person 689, 2023-11-20) for one fact: weight and SpO2 merge, the other vitals are flagged conflicting
-- How many observation rows the deduplication shows, and how many it flags
-- as conflicting reports of one fact (Riverside injects none).
SELECT category, conflicting, count(*) AS observations
FROM observation
GROUP BY category, conflicting
-- central:
WITH observation AS (
  SELECT 'laboratory' AS category FROM ehr.lab_result r
  WHERE NOT EXISTS (SELECT 1 FROM truth.same_facts f WHERE f.source = 'ehr' AND f.record_id = r.lab_result_id)
  UNION ALL SELECT 'laboratory' FROM lab.lab_result
  UNION ALL SELECT 'vital-signs' FROM ehr.vital_sign WHERE weight_lb IS NOT NULL
  UNION ALL SELECT 'vital-signs' FROM ehr.vital_sign WHERE height_in IS NOT NULL
  UNION ALL SELECT 'vital-signs' FROM ehr.vital_sign WHERE systolic_mmhg IS NOT NULL
  UNION ALL SELECT 'vital-signs' FROM ehr.vital_sign WHERE diastolic_mmhg IS NOT NULL
  UNION ALL SELECT 'vital-signs' FROM ehr.vital_sign WHERE pulse_bpm IS NOT NULL
  UNION ALL SELECT 'vital-signs' FROM ehr.vital_sign WHERE temperature_f IS NOT NULL
  UNION ALL SELECT 'vital-signs' FROM ehr.vital_sign WHERE respiratory_rate IS NOT NULL
  UNION ALL SELECT 'vital-signs' FROM ehr.vital_sign WHERE spo2_pct IS NOT NULL
)
SELECT category, false, count(*) FROM observation GROUP BY category

-- name: weight_kg_per_person
-- Body weight in kg from the EHR's vitals, recorded in pounds: on how many
-- days a person was weighed, the lightest and the heaviest.
SELECT patient_id, unit, count(DISTINCT CAST(effective_at AS date)) AS days, round(min(value), 2) AS lightest,
       round(max(value), 2) AS heaviest
FROM observation
WHERE code = '29463-7'
GROUP BY patient_id, unit
-- central:
SELECT pr.person_id, c.standard_unit, count(DISTINCT CAST(v.taken_at AS date)),
       round(CAST(min(v.weight_lb * c.factor + c."offset") AS numeric), 2),
       round(CAST(max(v.weight_lb * c.factor + c."offset") AS numeric), 2)
FROM ehr.vital_sign v
JOIN truth.person_records pr ON pr.source = 'ehr' AND pr.record_type = 'patient'
 AND pr.record_id = CAST(v.patient_id AS text)
JOIN truth.code_map c ON c.source = 'ehr' AND c."table" = 'vital_sign' AND c.code = 'weight_lb'
WHERE v.weight_lb IS NOT NULL
GROUP BY pr.person_id, c.standard_unit

-- name: fever_in_celsius
-- Temperatures of 38 Cel and above, from Fahrenheit (factor and offset).
SELECT patient_id, round(value, 2) AS celsius, effective_at
FROM observation
WHERE code = '8310-5' AND value >= 38
-- central:
SELECT pr.person_id, round(CAST(v.temperature_f * c.factor + c."offset" AS numeric), 2), v.taken_at
FROM ehr.vital_sign v
JOIN truth.person_records pr ON pr.source = 'ehr' AND pr.record_type = 'patient'
 AND pr.record_id = CAST(v.patient_id AS text)
JOIN truth.code_map c ON c.source = 'ehr' AND c."table" = 'vital_sign' AND c.code = 'temperature_f'
WHERE v.temperature_f * c.factor + c."offset" >= 38

-- name: vitals_per_code
-- Each vital sign in its standard unit: how many people, lowest and highest.
SELECT code, unit, count(DISTINCT patient_id) AS people, round(min(value), 2) AS lowest, round(max(value), 2) AS highest
FROM observation
WHERE category = 'vital-signs'
GROUP BY code, unit
-- central:
WITH vital AS (
  SELECT v.patient_id, c.standard_code, c.standard_unit,
         CASE c.code WHEN 'weight_lb' THEN v.weight_lb WHEN 'height_in' THEN v.height_in
           WHEN 'systolic_mmhg' THEN v.systolic_mmhg WHEN 'diastolic_mmhg' THEN v.diastolic_mmhg
           WHEN 'pulse_bpm' THEN v.pulse_bpm WHEN 'temperature_f' THEN v.temperature_f
           WHEN 'respiratory_rate' THEN v.respiratory_rate WHEN 'spo2_pct' THEN v.spo2_pct END
           * c.factor + c."offset" AS value
  FROM ehr.vital_sign v
  JOIN truth.code_map c ON c.source = 'ehr' AND c."table" = 'vital_sign'
)
SELECT standard_code, standard_unit, count(DISTINCT pr.person_id), round(CAST(min(value) AS numeric), 2),
       round(CAST(max(value) AS numeric), 2)
FROM vital
JOIN truth.person_records pr ON pr.source = 'ehr' AND pr.record_type = 'patient'
 AND pr.record_id = CAST(vital.patient_id AS text)
WHERE value IS NOT NULL
GROUP BY standard_code, standard_unit

-- name: conditions_per_person
-- Each person's diagnoses, however many EHR records they have.
SELECT patient_id, count(*) AS conditions, count(DISTINCT code) AS codes,
       count(CASE WHEN clinical_status = 'active' THEN 1 END) AS active
FROM condition
GROUP BY patient_id
-- central:
SELECT pr.person_id, count(*), count(DISTINCT c.icd10_code), count(*) FILTER (WHERE c.clinical_status = 'active')
FROM ehr.condition c
JOIN truth.person_records pr ON pr.source = 'ehr' AND pr.record_type = 'patient'
 AND pr.record_id = CAST(c.patient_id AS text)
GROUP BY pr.person_id

-- name: people_with_two_ehr_records
-- Diagnoses of the people the EHR registered twice: one enterprise id
-- gathers both records' conditions.
SELECT patient_id, count(DISTINCT patient_ref) AS ehr_records, count(*) AS conditions
FROM condition
GROUP BY patient_id
HAVING count(DISTINCT patient_ref) > 1
-- central:
SELECT pr.person_id, count(DISTINCT pr.record_id), count(*)
FROM ehr.condition c
JOIN truth.person_records pr ON pr.source = 'ehr' AND pr.record_type = 'patient'
 AND pr.record_id = CAST(c.patient_id AS text)
GROUP BY pr.person_id
HAVING count(DISTINCT pr.record_id) > 1

-- name: medications_by_rxnorm
-- Orders (RxNorm in the EHR) and dispensings (NDC in the pharmacy) in one
-- vocabulary: several NDCs map to one RxNorm drug.
SELECT code, kind, count(*) AS records, count(DISTINCT patient_id) AS people, sum(days_supply) AS days
FROM medication
GROUP BY code, kind
-- central:
SELECT m.rxnorm_code, 'order', count(*), count(DISTINCT pr.person_id), sum(m.days_supply)
FROM ehr.medication_order m
JOIN truth.person_records pr ON pr.source = 'ehr' AND pr.record_type = 'patient'
 AND pr.record_id = CAST(m.patient_id AS text)
GROUP BY m.rxnorm_code
UNION ALL
SELECT c.standard_code, 'dispensing', count(*), count(DISTINCT pr.person_id), sum(d.days_supply)
FROM pharmacy.dispensing d
JOIN truth.person_records pr ON pr.source = 'pharmacy' AND pr.record_type = 'customer'
 AND pr.record_id = CAST(d.customer_id AS text)
JOIN truth.code_map c ON c.source = 'pharmacy' AND c."table" = 'dispensing' AND c.code = d.ndc
GROUP BY c.standard_code

-- name: warfarin_dispensed_and_nsaid_ordered
-- People the pharmacy fills warfarin for while the EHR has ordered them an
-- NSAID (ibuprofen, naproxen): a bleeding risk only the two together show.
SELECT w.patient_id, count(DISTINCT w.record_id) AS warfarin_fills, count(DISTINCT n.record_id) AS nsaid_orders
FROM medication w
JOIN medication n ON n.patient_id = w.patient_id
WHERE w.kind = 'dispensing' AND w.code = '855332'
  AND n.kind = 'order' AND n.code IN ('197806', '197807', '198014')
GROUP BY w.patient_id
-- central:
WITH warfarin AS (
  SELECT pr.person_id, d.dispensing_id
  FROM pharmacy.dispensing d
  JOIN truth.code_map c ON c.source = 'pharmacy' AND c."table" = 'dispensing' AND c.code = d.ndc
  JOIN truth.person_records pr ON pr.source = 'pharmacy' AND pr.record_type = 'customer'
   AND pr.record_id = CAST(d.customer_id AS text)
  WHERE c.standard_code = '855332'
),
nsaid AS (
  SELECT pr.person_id, m.medication_order_id
  FROM ehr.medication_order m
  JOIN truth.person_records pr ON pr.source = 'ehr' AND pr.record_type = 'patient'
   AND pr.record_id = CAST(m.patient_id AS text)
  WHERE m.medication_name LIKE 'ibuprofen%' OR m.medication_name LIKE 'naproxen%'
)
SELECT w.person_id, count(DISTINCT w.dispensing_id), count(DISTINCT n.medication_order_id)
FROM warfarin w
JOIN nsaid n ON n.person_id = w.person_id
GROUP BY w.person_id

-- name: warfarin_fills_and_inr_tests
-- Warfarin fills and INR results per person across the pharmacy, the EHR
-- and the lab (INR is 6301-6; the lab calls it INR or PT_INR).
SELECT m.patient_id, m.fills, o.inr_results
FROM (SELECT patient_id, count(*) AS fills FROM medication WHERE kind = 'dispensing' AND code = '855332'
      GROUP BY patient_id) AS m
JOIN (SELECT patient_id, count(*) AS inr_results FROM observation WHERE code = '6301-6' GROUP BY patient_id) AS o
  ON o.patient_id = m.patient_id
-- central:
WITH fills AS (
  SELECT pr.person_id, count(*) AS n
  FROM pharmacy.dispensing d
  JOIN truth.code_map c ON c.source = 'pharmacy' AND c."table" = 'dispensing' AND c.code = d.ndc
  JOIN truth.person_records pr ON pr.source = 'pharmacy' AND pr.record_type = 'customer'
   AND pr.record_id = CAST(d.customer_id AS text)
  WHERE c.standard_code = '855332'
  GROUP BY pr.person_id
),
inr AS (
  SELECT person_id, count(*) AS n
  FROM (
    SELECT pr.person_id FROM ehr.lab_result r
    JOIN truth.person_records pr ON pr.source = 'ehr' AND pr.record_type = 'patient'
     AND pr.record_id = CAST(r.patient_id AS text)
    WHERE r.loinc_code = '6301-6'
      AND NOT EXISTS (SELECT 1 FROM truth.same_facts f WHERE f.source = 'ehr' AND f.record_id = r.lab_result_id)
    UNION ALL
    SELECT pr.person_id FROM lab.lab_result r
    JOIN truth.person_records pr ON pr.source = 'lab' AND pr.record_type = 'patient'
     AND pr.record_id = CAST(r.lab_patient_id AS text)
    WHERE r.test_code IN ('INR', 'PT_INR')
  ) AS results
  GROUP BY person_id
)
SELECT f.person_id, f.n, i.n FROM fills f JOIN inr i ON i.person_id = f.person_id

-- name: diabetics_eye_exams
-- People with type 2 diabetes (E11.x) and their retinal exams (92250) or
-- eye visits (92014), counted once however many E11 codes they carry.
SELECT c.patient_id, count(DISTINCT p.record_id) AS exams, min(p.performed_at) AS first_exam
FROM condition c
JOIN procedure p ON p.patient_id = c.patient_id
WHERE c.code LIKE 'E11%' AND p.code IN ('92250', '92014')
GROUP BY c.patient_id
-- central:
WITH diabetic AS (
  SELECT DISTINCT pr.person_id
  FROM ehr.condition c
  JOIN truth.person_records pr ON pr.source = 'ehr' AND pr.record_type = 'patient'
   AND pr.record_id = CAST(c.patient_id AS text)
  WHERE c.icd10_code LIKE 'E11%'
)
SELECT d.person_id, count(*), min(p.performed_at)
FROM diabetic d
JOIN truth.person_records pr ON pr.person_id = d.person_id AND pr.source = 'ehr' AND pr.record_type = 'patient'
JOIN ehr.procedure p ON CAST(p.patient_id AS text) = pr.record_id
WHERE p.cpt_code IN ('92250', '92014')
GROUP BY d.person_id

-- name: encounters_per_person_and_class
-- Visits per person and class, with the first and last.
SELECT patient_id, encounter_class, count(*) AS visits, min(start_at) AS first_visit, max(start_at) AS last_visit
FROM encounter
GROUP BY patient_id, encounter_class
-- central:
SELECT pr.person_id, e.encounter_class, count(*), min(e.start_at), max(e.start_at)
FROM ehr.encounter e
JOIN truth.person_records pr ON pr.source = 'ehr' AND pr.record_type = 'patient'
 AND pr.record_id = CAST(e.patient_id AS text)
GROUP BY pr.person_id, e.encounter_class

-- name: golden_record
-- The golden record: each field from the most trusted source holding it
-- (names, phone and zip: EHR, then pharmacy, then lab; birth date: EHR,
-- then pharmacy; gender: EHR, then lab, then pharmacy), within a source
-- from its most recent record holding it (ids grow with registration time),
-- and how many source records the person has in the three systems
-- according to the truth.
SELECT patient_id, family_name, family_name_source, given_name, birth_date, birth_date_source, gender, gender_source,
       zip, phone, phone_source, source_records
FROM patient
-- central:
WITH shown AS (
  SELECT pr.person_id, 'ehr' AS src, r.family_name AS family, r.given_name AS given, r.birth_date AS born,
         CASE r.sex WHEN 'F' THEN 'female' WHEN 'M' THEN 'male' END AS gender, left(r.zip, 5) AS zip,
         regexp_replace(r.phone, '[^0-9]', '', 'g') AS phone, r.patient_id AS rid
  FROM ehr.patient r
  JOIN truth.person_records pr ON pr.source = 'ehr' AND pr.record_type = 'patient'
   AND pr.record_id = CAST(r.patient_id AS text)
  UNION ALL
  SELECT pr.person_id, 'pharmacy', r.last_name, r.first_name, r.date_of_birth, lower(r.gender), left(r.postal_code, 5),
         regexp_replace(r.phone, '[^0-9]', '', 'g'), r.customer_id
  FROM pharmacy.customer r
  JOIN truth.person_records pr ON pr.source = 'pharmacy' AND pr.record_type = 'customer'
   AND pr.record_id = CAST(r.customer_id AS text)
  UNION ALL
  SELECT pr.person_id, 'lab', nullif(split_part(r.patient_name, ',', 1), r.patient_name),
         CASE WHEN r.patient_name LIKE '%,%' THEN btrim(split_part(r.patient_name, ',', 2)) END, NULL,
         CASE r.sex WHEN 'F' THEN 'female' WHEN 'M' THEN 'male' WHEN 'U' THEN 'unknown' END, left(r.zip, 5),
         regexp_replace(r.phone, '[^0-9]', '', 'g'), r.lab_patient_id
  FROM lab.patient r
  JOIN truth.person_records pr ON pr.source = 'lab' AND pr.record_type = 'patient'
   AND pr.record_id = CAST(r.lab_patient_id AS text)
),
best AS (
  SELECT person_id,
         (array_agg(family ORDER BY rid DESC) FILTER (WHERE src = 'ehr' AND family IS NOT NULL))[1] AS family_ehr, (array_agg(family ORDER BY rid DESC) FILTER (WHERE src = 'pharmacy' AND family IS NOT NULL))[1] AS family_ph,
         (array_agg(family ORDER BY rid DESC) FILTER (WHERE src = 'lab' AND family IS NOT NULL))[1] AS family_lab,
         (array_agg(given ORDER BY rid DESC) FILTER (WHERE src = 'ehr' AND given IS NOT NULL))[1] AS given_ehr, (array_agg(given ORDER BY rid DESC) FILTER (WHERE src = 'pharmacy' AND given IS NOT NULL))[1] AS given_ph,
         (array_agg(given ORDER BY rid DESC) FILTER (WHERE src = 'lab' AND given IS NOT NULL))[1] AS given_lab,
         (array_agg(born ORDER BY rid DESC) FILTER (WHERE src = 'ehr' AND born IS NOT NULL))[1] AS born_ehr, (array_agg(born ORDER BY rid DESC) FILTER (WHERE src = 'pharmacy' AND born IS NOT NULL))[1] AS born_ph,
         (array_agg(gender ORDER BY rid DESC) FILTER (WHERE src = 'ehr' AND gender IS NOT NULL))[1] AS gender_ehr, (array_agg(gender ORDER BY rid DESC) FILTER (WHERE src = 'lab' AND gender IS NOT NULL))[1] AS gender_lab,
         (array_agg(gender ORDER BY rid DESC) FILTER (WHERE src = 'pharmacy' AND gender IS NOT NULL))[1] AS gender_ph,
         (array_agg(zip ORDER BY rid DESC) FILTER (WHERE src = 'ehr' AND zip IS NOT NULL))[1] AS zip_ehr, (array_agg(zip ORDER BY rid DESC) FILTER (WHERE src = 'pharmacy' AND zip IS NOT NULL))[1] AS zip_ph,
         (array_agg(zip ORDER BY rid DESC) FILTER (WHERE src = 'lab' AND zip IS NOT NULL))[1] AS zip_lab,
         (array_agg(phone ORDER BY rid DESC) FILTER (WHERE src = 'ehr' AND phone IS NOT NULL))[1] AS phone_ehr, (array_agg(phone ORDER BY rid DESC) FILTER (WHERE src = 'pharmacy' AND phone IS NOT NULL))[1] AS phone_ph,
         (array_agg(phone ORDER BY rid DESC) FILTER (WHERE src = 'lab' AND phone IS NOT NULL))[1] AS phone_lab
  FROM shown
  GROUP BY person_id
)
SELECT b.person_id,
       coalesce(family_ehr, family_ph, family_lab),
       CASE WHEN family_ehr IS NOT NULL THEN 'ehr' WHEN family_ph IS NOT NULL THEN 'pharmacy'
            WHEN family_lab IS NOT NULL THEN 'lab' END,
       coalesce(given_ehr, given_ph, given_lab),
       coalesce(born_ehr, born_ph),
       CASE WHEN born_ehr IS NOT NULL THEN 'ehr' WHEN born_ph IS NOT NULL THEN 'pharmacy' END,
       coalesce(gender_ehr, gender_lab, gender_ph),
       CASE WHEN gender_ehr IS NOT NULL THEN 'ehr' WHEN gender_lab IS NOT NULL THEN 'lab'
            WHEN gender_ph IS NOT NULL THEN 'pharmacy' END,
       coalesce(zip_ehr, zip_ph, zip_lab),
       coalesce(phone_ehr, phone_ph, phone_lab),
       CASE WHEN phone_ehr IS NOT NULL THEN 'ehr' WHEN phone_ph IS NOT NULL THEN 'pharmacy'
            WHEN phone_lab IS NOT NULL THEN 'lab' END,
       (SELECT count(*) FROM truth.person_records t
        WHERE t.person_id = b.person_id AND t.source IN ('ehr', 'lab', 'pharmacy'))
FROM best b

-- name: golden_record_of_ehr_only_people
-- People known only to the EHR, through one record: their golden birth
-- date, gender and zip are the true person's, except where the truth says
-- the record was made noisy (day and month swapped, sex or zip left out).
SELECT patient_id, birth_date, gender, zip
FROM patient
WHERE source_records = 1 AND family_name_source = 'ehr'
-- central:
SELECT p.person_id,
       CASE WHEN pr.noise LIKE '%swapped_day_month%'
            THEN make_date(CAST(extract(year FROM p.birth_date) AS integer), CAST(extract(day FROM p.birth_date) AS integer),
                           CAST(extract(month FROM p.birth_date) AS integer))
            ELSE p.birth_date END,
       CASE WHEN pr.noise LIKE '%missing:sex%' THEN NULL WHEN p.sex = 'F' THEN 'female' ELSE 'male' END,
       CASE WHEN pr.noise LIKE '%missing:zip%' THEN NULL ELSE p.zip END
FROM truth.persons p
JOIN truth.person_records pr ON pr.person_id = p.person_id AND pr.source = 'ehr'
WHERE (SELECT count(*) FROM truth.person_records t
       WHERE t.person_id = p.person_id AND t.source IN ('ehr', 'lab', 'pharmacy')) = 1

-- name: one_persons_results
-- One person's laboratory record, as a chart opens it: the enterprise id
-- reaches each source as that source's own patient ids.
SELECT code, unit, count(*) AS results, min(value) AS lowest, max(value) AS highest, max(effective_at) AS latest
FROM observation
WHERE patient_id = 148 AND category = 'laboratory'
GROUP BY code, unit
-- central:
WITH result AS (
  SELECT c.standard_code, c.standard_unit, CAST(r.result_value AS double precision) * c.factor + c."offset" AS value,
         r.observed_at AS at
  FROM ehr.lab_result r
  JOIN truth.person_records pr ON pr.source = 'ehr' AND pr.record_type = 'patient'
   AND pr.record_id = CAST(r.patient_id AS text)
  JOIN truth.code_map c ON c.source = 'ehr' AND c."table" = 'lab_result' AND c.code = r.loinc_code AND c.unit = r.unit
  WHERE pr.person_id = 148
    AND NOT EXISTS (SELECT 1 FROM truth.same_facts f WHERE f.source = 'ehr' AND f.record_id = r.lab_result_id)
  UNION ALL
  SELECT c.standard_code, c.standard_unit, CAST(r.result_value AS double precision) * c.factor + c."offset",
         r.collected_at
  FROM lab.lab_result r
  JOIN truth.person_records pr ON pr.source = 'lab' AND pr.record_type = 'patient'
   AND pr.record_id = CAST(r.lab_patient_id AS text)
  JOIN truth.code_map c ON c.source = 'lab' AND c."table" = 'lab_result' AND c.code = r.test_code AND c.unit = r.units
  WHERE pr.person_id = 148
)
SELECT standard_code, standard_unit, count(*), min(value), max(value), max(at)
FROM result
GROUP BY standard_code, standard_unit

-- name: inr_results_of_three_people
-- ordered
-- Three people's INR results in time order, each fact once, with the
-- systems that reported it.
SELECT patient_id, effective_at, value, sources
FROM observation
WHERE patient_id IN (148, 689, 990) AND code = '6301-6'
ORDER BY patient_id, effective_at
-- central:
WITH result AS (
  SELECT pr.person_id, r.observed_at AS at, CAST(r.result_value AS double precision) AS value, r.lab_result_id AS id,
         'ehr' AS source
  FROM ehr.lab_result r
  JOIN truth.person_records pr ON pr.source = 'ehr' AND pr.record_type = 'patient'
   AND pr.record_id = CAST(r.patient_id AS text)
  WHERE r.loinc_code = '6301-6'
  UNION ALL
  SELECT pr.person_id, r.collected_at, CAST(r.result_value AS double precision), r.result_id, 'lab'
  FROM lab.lab_result r
  JOIN truth.person_records pr ON pr.source = 'lab' AND pr.record_type = 'patient'
   AND pr.record_id = CAST(r.lab_patient_id AS text)
  WHERE r.test_code IN ('INR', 'PT_INR')
),
fact AS (
  SELECT r.*, coalesce(f.fact_id, -r.id) AS fact
  FROM result r
  LEFT JOIN truth.same_facts f ON f.source = r.source AND f.record_id = r.id
  WHERE r.person_id IN (148, 689, 990)
)
SELECT person_id, min(at), min(value), string_agg(DISTINCT source, ',' ORDER BY source)
FROM fact
GROUP BY person_id, fact, CASE WHEN fact < 0 THEN source END
ORDER BY 1, 2
