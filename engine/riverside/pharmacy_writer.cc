#include "engine/riverside/pharmacy_writer.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "engine/riverside/formats.h"

namespace tessera::riverside {
namespace {

const DataType kId = DataType::Int64();
const DataType kText = DataType::Text();
const DataType kDate = DataType::Date();

// About a third of addresses carry ZIP+4; the extension is a fixed function
// of the customer so it is stable across runs.
std::string PostalCode(const std::string& zip, int64_t customer_id) {
  if (zip.empty() || customer_id % 3 != 0) return zip;
  return absl::StrFormat("%s-%04d", zip, (customer_id * 7919) % 10000);
}

TableLoad CustomerTable(const PharmacyData& pharmacy) {
  TableLoad t;
  t.spec = {"customer",
            {{"customer_id", kId},
             {"last_name", kText},
             {"first_name", kText},
             {"middle_initial", kText},
             {"date_of_birth", kDate},
             {"gender", kText},
             {"address_line", kText},
             {"city", kText},
             {"state", kText},
             {"postal_code", kText},
             {"phone", kText}},
            {{"last_name"}, {"date_of_birth"}}};
  t.rows = static_cast<int64_t>(pharmacy.customers.records.size());
  t.fill = [&pharmacy](int64_t row, std::vector<Value>& v) {
    const PersonRecord& r = pharmacy.customers.records[row];
    const Demographics& d = r.demo;
    v[0] = Value::Int64(r.id);
    v[1] = TextOrNull(absl::AsciiStrToUpper(d.family));
    v[2] = TextOrNull(absl::AsciiStrToUpper(d.given));
    v[3] = TextOrNull(absl::AsciiStrToUpper(d.middle.substr(0, 1)));
    v[4] = DateValue(d.birth_day);
    v[5] =
        d.sex_known ? Value::Text(d.sex == Sex::kFemale ? "Female" : "Male") : Value::Null(kText);
    v[6] = TextOrNull(absl::AsciiStrToUpper(d.street));
    v[7] = TextOrNull(absl::AsciiStrToUpper(d.city));
    v[8] = TextOrNull(d.state);
    v[9] = TextOrNull(PostalCode(d.zip, r.id));
    v[10] = TextOrNull(d.phone);
  };
  return t;
}

TableLoad DispensingTable(const PharmacyData& pharmacy) {
  TableLoad t;
  t.spec = {"dispensing",
            {{"dispensing_id", kId},
             {"customer_id", kId},
             {"rx_number", kText},
             {"fill_number", kId},
             {"ndc", kText},
             {"drug_name", kText},
             {"quantity", DataType::Decimal(2)},
             {"days_supply", kId},
             {"dispensed_on", kDate},
             {"prescriber", kText}},
            {{"customer_id"}, {"ndc"}, {"dispensed_on"}}};
  t.rows = static_cast<int64_t>(pharmacy.dispensings.size());
  t.fill = [&pharmacy](int64_t row, std::vector<Value>& v) {
    const DispensingRow& r = pharmacy.dispensings[row];
    const Fill& f = *r.fill;
    const DrugInfo& drug = DrugInfoOf(f.drug);
    v[0] = Value::Int64(r.id);
    v[1] = Value::Int64(r.customer_id);
    v[2] = Value::Text(absl::StrCat("RX", r.rx_number));
    v[3] = Value::Int64(f.fill_number);
    v[4] = Value::Text(drug.ndcs[f.ndc]);
    v[5] = Value::Text(drug.pharmacy_name);
    v[6] = Value::Decimal(f.quantity * 100, 2);
    v[7] = Value::Int64(f.days_supply);
    v[8] = DateValue(f.day);
    v[9] = r.prescriber_department == nullptr
               ? Value::Text("OUTSIDE PRESCRIBER")
               : Value::Text(absl::StrCat("RIVERSIDE ", *r.prescriber_department == '\0'
                                                            ? "PRIMARY CARE"
                                                            : r.prescriber_department));
  };
  return t;
}

}  // namespace

std::vector<TableLoad> PharmacyTables(const PharmacyData& pharmacy) {
  std::vector<TableLoad> tables;
  tables.push_back(CustomerTable(pharmacy));
  tables.push_back(DispensingTable(pharmacy));
  return tables;
}

}  // namespace tessera::riverside
