// The queries the clinical dashboards send, parsed whole: each must come out
// as exactly this tree, and its canonical spelling must parse back to itself.

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/planner/parser/parse_test_util.h"

namespace tessera {
namespace {

using ::tessera::testing::Canonical;

struct DashboardQuery {
  const char* name;
  const char* sql;
  const char* tree;
};

const std::vector<DashboardQuery>& Queries() {
  static const auto* const kQueries = new std::vector<DashboardQuery>{
      {"weight change between visits",
       "SELECT patient_id, weight - lag(weight) OVER (PARTITION BY patient_id ORDER BY "
       "measured_at) FROM ehr.vital_sign",
       "SELECT patient_id, (weight - lag(weight) OVER (PARTITION BY patient_id ORDER BY "
       "measured_at)) FROM ehr.vital_sign"},

      {"one patient's recent observations",
       "SELECT o.code, o.value, o.unit, o.effective_at\n"
       "FROM observation o\n"
       "WHERE o.patient_id = $1 AND o.effective_at >= CURRENT_DATE - INTERVAL '1 year'\n"
       "ORDER BY o.effective_at DESC\n"
       "LIMIT 50",
       "SELECT o.code, o.value, o.unit, o.effective_at FROM observation AS o "
       "WHERE ((o.patient_id = $1) AND (o.effective_at >= (CURRENT_DATE - INTERVAL '1 year'))) "
       "ORDER BY o.effective_at DESC LIMIT 50"},

      {"HbA1c alert",
       "SELECT p.patient_id, p.family_name, max(o.value) AS last_hba1c\n"
       "FROM patient p JOIN observation o ON o.patient_id = p.patient_id\n"
       "WHERE o.code = '4548-4' AND o.effective_at > now() - INTERVAL '90 days'\n"
       "GROUP BY p.patient_id, p.family_name\n"
       "HAVING max(o.value) > 9.0\n"
       "ORDER BY last_hba1c DESC NULLS LAST",
       "SELECT p.patient_id, p.family_name, max(o.value) AS last_hba1c "
       "FROM (patient AS p JOIN observation AS o ON (o.patient_id = p.patient_id)) "
       "WHERE ((o.code = '4548-4') AND (o.effective_at > (now() - INTERVAL '90 days'))) "
       "GROUP BY p.patient_id, p.family_name HAVING (max(o.value) > 9.0) "
       "ORDER BY last_hba1c DESC NULLS LAST"},

      {"latest result per patient and test",
       "SELECT patient_id, code, value FROM (\n"
       "  SELECT patient_id, code, value,\n"
       "         row_number() OVER (PARTITION BY patient_id, code ORDER BY effective_at DESC) AS "
       "rn\n"
       "  FROM observation WHERE code IN ('2345-7', '4548-4')\n"
       ") latest WHERE rn = 1",
       "SELECT patient_id, code, value FROM (SELECT patient_id, code, value, row_number() OVER "
       "(PARTITION BY patient_id, code ORDER BY effective_at DESC) AS rn FROM observation "
       "WHERE (code IN ('2345-7', '4548-4'))) AS latest WHERE (rn = 1)"},

      {"medication possession",
       "SELECT d.customer_id, sum(d.days_supply) AS days_covered, count(DISTINCT d.ndc) AS drugs\n"
       "FROM pharmacy.dispensing d\n"
       "WHERE d.dispensed_on BETWEEN DATE '2024-01-01' AND DATE '2024-12-31'\n"
       "GROUP BY d.customer_id\n"
       "HAVING sum(d.days_supply) < 300",
       "SELECT d.customer_id, sum(d.days_supply) AS days_covered, count(DISTINCT d.ndc) AS drugs "
       "FROM pharmacy.dispensing AS d WHERE (d.dispensed_on BETWEEN CAST('2024-01-01' AS date) "
       "AND CAST('2024-12-31' AS date)) GROUP BY d.customer_id HAVING (sum(d.days_supply) < 300)"},

      {"patients without a visit this year",
       "SELECT p.patient_id, p.family_name FROM patient p\n"
       "WHERE NOT EXISTS (SELECT 1 FROM encounter e\n"
       "                  WHERE e.patient_id = p.patient_id\n"
       "                    AND e.start_at > CURRENT_TIMESTAMP - INTERVAL '365 days')",
       "SELECT p.patient_id, p.family_name FROM patient AS p WHERE NOT EXISTS (SELECT 1 FROM "
       "encounter AS e WHERE ((e.patient_id = p.patient_id) AND (e.start_at > "
       "(CURRENT_TIMESTAMP - INTERVAL '365 days'))))"},

      {"home blood pressure this week",
       "SELECT r.registration_id, r.measured_at,\n"
       "  CASE WHEN r.systolic >= 180 OR r.diastolic >= 120 THEN 'crisis'\n"
       "       WHEN r.systolic >= 140 THEN 'stage 2'\n"
       "       ELSE 'normal' END AS category\n"
       "FROM devices.bp_reading r\n"
       "WHERE r.measured_at >= LOCALTIMESTAMP - INTERVAL '7 days'",
       "SELECT r.registration_id, r.measured_at, CASE WHEN ((r.systolic >= 180) OR "
       "(r.diastolic >= 120)) THEN 'crisis' WHEN (r.systolic >= 140) THEN 'stage 2' ELSE "
       "'normal' END AS category FROM devices.bp_reading AS r WHERE (r.measured_at >= "
       "(LOCALTIMESTAMP - INTERVAL '7 days'))"},

      {"glucose in one unit",
       "SELECT l.patient_id,\n"
       "       CASE l.unit WHEN 'mmol/L' THEN l.value * 18.016 ELSE l.value END AS glucose_mg_dl,\n"
       "       COALESCE(NULLIF(l.flag, ''), 'N') AS flag\n"
       "FROM lab.lab_result l WHERE l.test_code = 'GLU' AND l.value IS NOT NULL",
       "SELECT l.patient_id, CASE l.unit WHEN 'mmol/L' THEN (l.value * 18.016) ELSE l.value END "
       "AS glucose_mg_dl, COALESCE(NULLIF(l.flag, ''), 'N') AS flag FROM lab.lab_result AS l "
       "WHERE ((l.test_code = 'GLU') AND (l.value IS NOT NULL))"},

      {"encounters per month",
       "SELECT extract(year FROM e.start_at) AS y, extract(month FROM e.start_at) AS m, "
       "count(*)\n"
       "FROM ehr.encounter e GROUP BY 1, 2 ORDER BY 1, 2",
       "SELECT extract(year FROM e.start_at) AS y, extract(month FROM e.start_at) AS m, count(*) "
       "FROM ehr.encounter AS e GROUP BY 1, 2 ORDER BY 1, 2"},

      {"identifiers across sources",
       "SELECT mrn AS id, 'ehr' AS source FROM ehr.patient\n"
       "UNION ALL SELECT lab_patient_id, 'lab' FROM lab.patient\n"
       "UNION ALL SELECT customer_id, 'pharmacy' FROM pharmacy.customer",
       "((SELECT mrn AS id, 'ehr' AS source FROM ehr.patient) UNION ALL (SELECT lab_patient_id, "
       "'lab' FROM lab.patient)) UNION ALL (SELECT customer_id, 'pharmacy' FROM "
       "pharmacy.customer)"},

      {"diabetes problem list search",
       "SELECT c.patient_id, c.code, c.description FROM condition c\n"
       "WHERE c.code LIKE 'E11%' OR c.description ILIKE '%diabetes%'",
       "SELECT c.patient_id, c.code, c.description FROM condition AS c WHERE ((c.code LIKE "
       "'E11%') OR (c.description ILIKE '%diabetes%'))"},

      {"active medications of patients born after a date",
       "SELECT * FROM medication m\n"
       "WHERE m.patient_id IN (SELECT patient_id FROM patient WHERE birth_date > $1::date)\n"
       "  AND m.status <> 'stopped'",
       "SELECT * FROM medication AS m WHERE ((m.patient_id IN (SELECT patient_id FROM patient "
       "WHERE (birth_date > CAST($1 AS date)))) AND (m.status <> 'stopped'))"},

      {"weekly device averages with a named window",
       "WITH daily AS (\n"
       "  SELECT registration_id, measured_at::date AS day, avg(value) AS mean\n"
       "  FROM devices.glucose_reading GROUP BY registration_id, measured_at::date)\n"
       "SELECT registration_id, day, avg(mean) OVER w AS week_mean\n"
       "FROM daily WINDOW w AS (PARTITION BY registration_id ORDER BY day)\n"
       "ORDER BY registration_id, day DESC",
       "WITH daily AS (SELECT registration_id, CAST(measured_at AS date) AS day, avg(value) AS "
       "mean FROM devices.glucose_reading GROUP BY registration_id, CAST(measured_at AS date)) "
       "SELECT registration_id, day, avg(mean) OVER w AS week_mean FROM daily WINDOW w AS "
       "(PARTITION BY registration_id ORDER BY day) ORDER BY registration_id, day DESC"},

      {"explain of the patient view",
       "EXPLAIN ANALYZE SELECT p.patient_id, o.code, o.value\n"
       "FROM patient p LEFT JOIN observation o USING (patient_id)\n"
       "WHERE p.patient_id = $1",
       "EXPLAIN ANALYZE SELECT p.patient_id, o.code, o.value FROM (patient AS p LEFT JOIN "
       "observation AS o USING (patient_id)) WHERE (p.patient_id = $1)"},
  };
  return *kQueries;
}

TEST(Parser, ParsesDashboardQueries) {
  for (const DashboardQuery& query : Queries()) {
    EXPECT_EQ(Canonical(query.sql), query.tree) << query.name;
  }
}

TEST(Parser, CanonicalSpellingsOfDashboardQueriesParseToThemselves) {
  for (const DashboardQuery& query : Queries()) {
    std::string canonical = Canonical(query.sql);
    EXPECT_EQ(Canonical(canonical), canonical) << query.name;
  }
}

}  // namespace
}  // namespace tessera
