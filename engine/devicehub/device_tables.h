// File: engine/devicehub/device_tables.h
//
// The sample device hub's data: the home-device files `tessera gen` writes
// (<data>/devices/registrations.jsonl and readings.jsonl, see
// engine/riverside/device_writer.h) loaded into columnar tables at start.
// Scales, blood-pressure cuffs and glucose meters share one readings table:
// a weight or glucose value in `value`, a blood pressure in `systolic`,
// `diastolic` and `pulse`, each reading in its device's own `unit`.

#ifndef TESSERA_ENGINE_DEVICEHUB_DEVICE_TABLES_H_
#define TESSERA_ENGINE_DEVICEHUB_DEVICE_TABLES_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "engine/types/row_batch.h"
#include "engine/types/schema.h"

namespace tessera::devicehub {

// Where a row sits in a table's batches.
struct RowPosition {
  int32_t batch;
  int32_t row;
};

struct HubTable {
  std::string name;
  std::shared_ptr<const Schema> schema;
  std::vector<std::string> primary_key;
  // Shared with every scan, which reads them without a copy.
  std::shared_ptr<const std::vector<RowBatch>> batches = std::make_shared<const std::vector<RowBatch>>();
  int64_t rows = 0;
  // The rows of each registration, in table order, as a device platform
  // keeps an account's readings together (-1: no registration_id column).
  int index_column = -1;
  absl::flat_hash_map<std::string, std::vector<RowPosition>> index;
};

// Loads both tables from `data_dir`/devices. A file that is missing or a
// line that does not parse is an error naming the file and line.
absl::StatusOr<std::vector<HubTable>> LoadDeviceTables(const std::string& data_dir);

// The hub's tables without their rows: what a configuration declares so
// that queries can be planned while the hub is down.
std::vector<HubTable> DeviceTableShapes();

}  // namespace tessera::devicehub

#endif  // TESSERA_ENGINE_DEVICEHUB_DEVICE_TABLES_H_
