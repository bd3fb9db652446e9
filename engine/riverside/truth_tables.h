// File: engine/riverside/truth_tables.h
//
// The ground truth as SQL tables, for a database that checks answers
// against it: `tessera gen --postgres` loads them as schema `truth` beside
// ehr, lab and pharmacy, so that one PostgreSQL database can say by hand
// what the unified views must return (tests/differential). The tables are
// the truth files of truth_writer.h, column for column:
//
//   persons         person_id, given_name, ..., chronic_conditions
//   person_records  source, record_type, record_id, person_id, duplicate, noise
//   same_facts      fact_id, source, table, record_id, person_id, loinc,
//                   value, unit, effective_at
//   code_map        source, table, code_column, code, unit, standard_system,
//                   standard_code, standard_unit, factor, offset
//
// Ids, dates, times and numbers are typed (person_id BIGINT, value
// DECIMAL(18,2), effective_at TIMESTAMP, factor DOUBLE); an empty field is
// NULL, except code_map's unit, part of its key, which stays ''.
// record_id is text, as devices' registration ids are.

#ifndef TESSERA_ENGINE_RIVERSIDE_TRUTH_TABLES_H_
#define TESSERA_ENGINE_RIVERSIDE_TRUTH_TABLES_H_

#include "engine/riverside/sql_target.h"
#include "engine/riverside/truth_writer.h"

namespace tessera::riverside {

// The four tables as source "truth". They read `truth`'s data, which must
// outlive the loads.
SourceLoad TruthTables(const TruthInputs& truth);

}  // namespace tessera::riverside

#endif  // TESSERA_ENGINE_RIVERSIDE_TRUTH_TABLES_H_
