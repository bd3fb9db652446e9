// File: engine/riverside/history.h
//
// The steps that build one person, in the order population.cc runs them. Each
// step reads what earlier steps wrote and draws from the person's own random
// stream, so a person's history depends only on the seed and the person's
// index: people can be generated on any thread, and the first 1,000 people
// of a 100,000-person run are the same as a 1,000-person run.

#ifndef TESSERA_ENGINE_RIVERSIDE_HISTORY_H_
#define TESSERA_ENGINE_RIVERSIDE_HISTORY_H_

#include <cstdint>

#include "engine/riverside/person.h"
#include "engine/riverside/random.h"

namespace tessera::riverside {

// The fixed frame every person's history is drawn in.
struct HistoryContext {
  uint64_t seed = 0;
  int64_t as_of_day = 0;           // The data's "today"; nothing happens on or after it.
  int64_t window_start_day = 0;    // EHR and lab history start (three years back).
  int64_t pharmacy_start_day = 0;  // Dispensing history start (two years back).
  int64_t device_start_day = 0;    // Home-device readings start (180 days back).
  double north_site_rate = 0;      // Share of people whose lab is the SI-unit north site.
};

// Name, sex, birth date, address and phone (demographics.cc).
void GenerateIdentity(const HistoryContext& context, Rng& rng, Person& person);

// Physiology, chronic conditions with onset days, heart-failure weight
// episodes and which systems know the person (body.cc).
void GenerateBody(const HistoryContext& context, Rng& rng, Person& person);

// Encounters with their vital signs and procedures, and the problem list
// (encounters.cc).
void GenerateEncounters(const HistoryContext& context, Rng& rng, Person& person);

// Medication orders and pharmacy dispensings (medications.cc).
void GenerateMedications(const HistoryContext& context, Rng& rng, Person& person);

// Lab draws and point-of-care tests (labs.cc).
void GenerateLabs(const HistoryContext& context, Rng& rng, Person& person);

// Home devices and their readings (devices.cc).
void GenerateDevices(const HistoryContext& context, Rng& rng, Person& person);

// The person's true weight (lb), systolic and diastolic pressure (mmHg) on
// `day`, which clinic vitals and home devices both measure (body.cc).
double TrueWeightLb(const HistoryContext& context, const Person& person, int64_t day);
double TrueSystolic(const Person& person, int64_t day);
double TrueDiastolic(const Person& person, int64_t day);

// Age in whole years on `day`.
int AgeOn(const Person& person, int64_t day);

}  // namespace tessera::riverside

#endif  // TESSERA_ENGINE_RIVERSIDE_HISTORY_H_
