#include "engine/riverside/codes.h"

#include <cmath>

namespace tessera::riverside {
namespace {

constexpr CodeText kHypertension[] = {{"I10", "Essential (primary) hypertension"}};
constexpr CodeText kDiabetes[] = {
    {"E11.9", "Type 2 diabetes mellitus without complications"},
    {"E11.65", "Type 2 diabetes mellitus with hyperglycemia"},
    {"E11.22", "Type 2 diabetes mellitus with diabetic chronic kidney disease"},
    {"E11.40", "Type 2 diabetes mellitus with diabetic neuropathy, unspecified"},
    {"E11.319",
     "Type 2 diabetes mellitus with unspecified diabetic retinopathy without macular edema"},
};
constexpr CodeText kHyperlipidemia[] = {
    {"E78.5", "Hyperlipidemia, unspecified"},
    {"E78.00", "Pure hypercholesterolemia, unspecified"},
};
constexpr CodeText kHeartFailure[] = {
    {"I50.22", "Chronic systolic (congestive) heart failure"},
    {"I50.32", "Chronic diastolic (congestive) heart failure"},
    {"I50.42", "Chronic combined systolic (congestive) and diastolic (congestive) heart failure"},
    {"I50.9", "Heart failure, unspecified"},
};
constexpr CodeText kAtrialFibrillation[] = {
    {"I48.91", "Unspecified atrial fibrillation"},
    {"I48.0", "Paroxysmal atrial fibrillation"},
};
constexpr CodeText kCkd[] = {
    {"N18.30", "Chronic kidney disease, stage 3 unspecified"},
    {"N18.4", "Chronic kidney disease, stage 4 (severe)"},
};
constexpr CodeText kOsteoarthritis[] = {
    {"M17.11", "Unilateral primary osteoarthritis, right knee"},
    {"M17.0", "Bilateral primary osteoarthritis of knee"},
    {"M19.90", "Unspecified osteoarthritis, unspecified site"},
};
constexpr CodeText kAsthma[] = {
    {"J45.909", "Unspecified asthma, uncomplicated"},
    {"J45.20", "Mild intermittent asthma, uncomplicated"},
};
constexpr CodeText kCopd[] = {{"J44.9", "Chronic obstructive pulmonary disease, unspecified"}};
constexpr CodeText kDepression[] = {
    {"F32.A", "Depression, unspecified"},
    {"F33.1", "Major depressive disorder, recurrent, moderate"},
};
constexpr CodeText kHypothyroidism[] = {{"E03.9", "Hypothyroidism, unspecified"}};
constexpr CodeText kObesity[] = {{"E66.9", "Obesity, unspecified"}};

constexpr ChronicInfo kChronic[kChronicCount] = {
    {"hypertension", {0.01, 0.08, 0.30, 0.55, 0.65}, kHypertension},
    {"type 2 diabetes", {0.002, 0.03, 0.13, 0.22, 0.20}, kDiabetes},
    {"hyperlipidemia", {0.0, 0.05, 0.25, 0.40, 0.35}, kHyperlipidemia},
    {"heart failure", {0.0, 0.002, 0.025, 0.09, 0.15}, kHeartFailure},
    {"atrial fibrillation", {0.0, 0.002, 0.03, 0.11, 0.17}, kAtrialFibrillation},
    {"chronic kidney disease", {0.0, 0.005, 0.04, 0.12, 0.20}, kCkd},
    {"osteoarthritis", {0.0, 0.01, 0.12, 0.30, 0.40}, kOsteoarthritis},
    {"asthma", {0.08, 0.08, 0.07, 0.06, 0.05}, kAsthma},
    {"COPD", {0.0, 0.005, 0.05, 0.10, 0.12}, kCopd},
    {"depression", {0.02, 0.10, 0.09, 0.07, 0.06}, kDepression},
    {"hypothyroidism", {0.002, 0.03, 0.06, 0.10, 0.12}, kHypothyroidism},
    {"obesity", {0.05, 0.15, 0.20, 0.15, 0.08}, kObesity},
};

constexpr CodeText kAcute[] = {
    {"J06.9", "Acute upper respiratory infection, unspecified"},
    {"N39.0", "Urinary tract infection, site not specified"},
    {"M54.50", "Low back pain, unspecified"},
    {"S93.401A", "Sprain of unspecified ligament of right ankle, initial encounter"},
    {"J20.9", "Acute bronchitis, unspecified"},
    {"R51.9", "Headache, unspecified"},
    {"M25.561", "Pain in right knee"},
    {"R07.9", "Chest pain, unspecified"},
    {"K52.9", "Noninfective gastroenteritis and colitis, unspecified"},
};

constexpr CodeText kHfExacerbation[] = {
    {"I50.23", "Acute on chronic systolic (congestive) heart failure"},
    {"I50.33", "Acute on chronic diastolic (congestive) heart failure"},
};

#define RIVERSIDE_NDCS(var, ...) constexpr const char* var[] = {__VA_ARGS__};
RIVERSIDE_NDCS(kNdcLisinopril, "70954011210", "71205003330")
RIVERSIDE_NDCS(kNdcAmlodipine, "70954021410", "71205014230")
RIVERSIDE_NDCS(kNdcHctz, "70954031610")
RIVERSIDE_NDCS(kNdcMetformin, "70954041810", "71205025130", "72688000190")
RIVERSIDE_NDCS(kNdcGlipizide, "70954052010")
RIVERSIDE_NDCS(kNdcAtorvastatin, "70954062210", "71205036390")
RIVERSIDE_NDCS(kNdcFurosemide, "70954072410", "72688001101")
RIVERSIDE_NDCS(kNdcCarvedilol, "70954082610")
RIVERSIDE_NDCS(kNdcMetoprolol, "70954092810", "71205047130")
RIVERSIDE_NDCS(kNdcWarfarin, "70954103010", "71205058230", "72688002201")
RIVERSIDE_NDCS(kNdcApixaban, "72688003360")
RIVERSIDE_NDCS(kNdcIbuprofen600, "70954113210", "71205069350")
RIVERSIDE_NDCS(kNdcIbuprofen800, "70954123410")
RIVERSIDE_NDCS(kNdcNaproxen, "70954133610", "72688004401")
RIVERSIDE_NDCS(kNdcAcetaminophen, "70954143810")
RIVERSIDE_NDCS(kNdcAlbuterol, "72688005518")
RIVERSIDE_NDCS(kNdcSertraline, "70954154010", "71205070430")
RIVERSIDE_NDCS(kNdcLevothyroxine, "70954164290")
RIVERSIDE_NDCS(kNdcAmoxicillin, "70954174405", "71205081520")
RIVERSIDE_NDCS(kNdcCephalexin, "70954184605")
#undef RIVERSIDE_NDCS

constexpr DrugInfo kDrugs[kDrugCount] = {
    {"314076", "lisinopril 10 MG Oral Tablet", "Take 1 tablet by mouth daily", 1,
     "LISINOPRIL 10 MG TABLET", kNdcLisinopril, false},
    {"197361", "amlodipine 5 MG Oral Tablet", "Take 1 tablet by mouth daily", 1,
     "AMLODIPINE BESYLATE 5 MG TAB", kNdcAmlodipine, false},
    {"310798", "hydrochlorothiazide 25 MG Oral Tablet", "Take 1 tablet by mouth every morning", 1,
     "HYDROCHLOROTHIAZIDE 25 MG TAB", kNdcHctz, false},
    {"861007", "metformin hydrochloride 500 MG Oral Tablet",
     "Take 1 tablet by mouth twice daily with meals", 2, "METFORMIN HCL 500 MG TABLET",
     kNdcMetformin, false},
    {"310490", "glipizide 5 MG Oral Tablet", "Take 1 tablet by mouth daily before breakfast", 1,
     "GLIPIZIDE 5 MG TABLET", kNdcGlipizide, false},
    {"617310", "atorvastatin 20 MG Oral Tablet", "Take 1 tablet by mouth at bedtime", 1,
     "ATORVASTATIN CALCIUM 20 MG TAB", kNdcAtorvastatin, false},
    {"313988", "furosemide 40 MG Oral Tablet", "Take 1 tablet by mouth daily", 1,
     "FUROSEMIDE 40 MG TABLET", kNdcFurosemide, false},
    {"200031", "carvedilol 6.25 MG Oral Tablet", "Take 1 tablet by mouth twice daily with food", 2,
     "CARVEDILOL 6.25 MG TABLET", kNdcCarvedilol, false},
    {"866427", "24 HR metoprolol succinate 25 MG Extended Release Oral Tablet",
     "Take 1 tablet by mouth daily", 1, "METOPROLOL SUCC ER 25 MG TAB", kNdcMetoprolol, false},
    {"855332", "warfarin sodium 5 MG Oral Tablet", "Take as directed by the anticoagulation clinic",
     1, "WARFARIN SODIUM 5 MG TABLET", kNdcWarfarin, false},
    {"1364445", "apixaban 5 MG Oral Tablet", "Take 1 tablet by mouth twice daily", 2,
     "ELIQUIS 5 MG TABLET", kNdcApixaban, false},
    {"197806", "ibuprofen 600 MG Oral Tablet", "Take 1 tablet by mouth every 8 hours as needed", 3,
     "IBUPROFEN 600 MG TABLET", kNdcIbuprofen600, true},
    {"197807", "ibuprofen 800 MG Oral Tablet", "Take 1 tablet by mouth every 8 hours as needed", 3,
     "IBUPROFEN 800 MG TABLET", kNdcIbuprofen800, true},
    {"198014", "naproxen 500 MG Oral Tablet", "Take 1 tablet by mouth twice daily with food", 2,
     "NAPROXEN 500 MG TABLET", kNdcNaproxen, true},
    {"198440", "acetaminophen 500 MG Oral Tablet",
     "Take 2 tablets by mouth every 6 hours as needed", 4, "ACETAMINOPHEN 500 MG TABLET",
     kNdcAcetaminophen, false},
    {"745679", "albuterol 0.09 MG/ACTUAT Metered Dose Inhaler",
     "Inhale 2 puffs every 4 hours as needed", 0, "ALBUTEROL HFA 90 MCG INHALER", kNdcAlbuterol,
     false},
    {"312940", "sertraline 50 MG Oral Tablet", "Take 1 tablet by mouth daily", 1,
     "SERTRALINE HCL 50 MG TABLET", kNdcSertraline, false},
    {"966222", "levothyroxine sodium 0.05 MG Oral Tablet",
     "Take 1 tablet by mouth every morning on an empty stomach", 1, "LEVOTHYROXINE 50 MCG TABLET",
     kNdcLevothyroxine, false},
    {"308191", "amoxicillin 500 MG Oral Capsule", "Take 1 capsule by mouth 3 times daily", 3,
     "AMOXICILLIN 500 MG CAPSULE", kNdcAmoxicillin, false},
    {"309114", "cephalexin 500 MG Oral Capsule", "Take 1 capsule by mouth 4 times daily", 4,
     "CEPHALEXIN 500 MG CAPSULE", kNdcCephalexin, false},
};

constexpr CodeText kCpt[kCptCount] = {
    {"99203", "Office or other outpatient visit, new patient, low medical decision making"},
    {"99213", "Office or other outpatient visit, established patient, low medical decision making"},
    {"99214",
     "Office or other outpatient visit, established patient, moderate medical decision making"},
    {"99215",
     "Office or other outpatient visit, established patient, high medical decision making"},
    {"99395", "Periodic preventive medicine reevaluation, established patient, 18-39 years"},
    {"99396", "Periodic preventive medicine reevaluation, established patient, 40-64 years"},
    {"99397", "Periodic preventive medicine reevaluation, established patient, 65 years and over"},
    {"99393", "Periodic preventive medicine reevaluation, established patient, late childhood"},
    {"99283", "Emergency department visit, low medical decision making"},
    {"99284", "Emergency department visit, moderate medical decision making"},
    {"99285", "Emergency department visit, high medical decision making"},
    {"99223", "Initial hospital inpatient or observation care, high medical decision making"},
    {"99238", "Hospital inpatient or observation discharge day management, 30 minutes or less"},
    {"93000",
     "Electrocardiogram, routine ECG with at least 12 leads; with interpretation and report"},
    {"93306", "Echocardiography, transthoracic, complete, with spectral and color flow Doppler"},
    {"71046", "Radiologic examination, chest; 2 views"},
    {"92250", "Fundus photography with interpretation and report"},
    {"2022F",
     "Dilated retinal eye exam with interpretation by an ophthalmologist or optometrist "
     "documented and reviewed"},
    {"92014", "Ophthalmological services: comprehensive, established patient"},
    {"83036", "Hemoglobin; glycosylated (A1C)"},
    {"82962", "Glucose, blood by glucose monitoring device(s) cleared by the FDA for home use"},
    {"36415", "Collection of venous blood by venipuncture"},
    {"90686",
     "Influenza virus vaccine, quadrivalent, split virus, preservative free, 0.5 mL, "
     "for intramuscular use"},
    {"90471", "Immunization administration; 1 vaccine"},
};

constexpr LabTestInfo kLabTests[kLabTestCount] = {
    {"Glucose",
     "2345-7",
     "mg/dL",
     70,
     99,
     {"GLU", "mg/dL", "2345-7", "mg/dL", 1.0, 0, "70-99"},
     {"GLUC", "mmol/L", "14749-6", "mmol/L", 18.016, 1, "3.9-5.5"}},
    {"Hemoglobin A1c",
     "4548-4",
     "%",
     4.0,
     5.6,
     {"HBA1C", "%", "4548-4", "%", 1.0, 1, "4.0-5.6"},
     {"A1C", "%", "4548-4", "%", 1.0, 1, "4.0-5.6"}},
    {"Creatinine",
     "2160-0",
     "mg/dL",
     0.6,
     1.3,
     {"CREAT", "mg/dL", "2160-0", "mg/dL", 1.0, 2, "0.60-1.30"},
     {"CRE", "umol/L", "14682-9", "umol/L", 1.0 / 88.42, 0, "53-115"}},
    {"LDL cholesterol",
     "13457-7",
     "mg/dL",
     0,
     99,
     {"LDL", "mg/dL", "13457-7", "mg/dL", 1.0, 0, "<100"},
     {"LDLC", "mmol/L", "22748-8", "mmol/L", 38.67, 2, "<2.59"}},
    {"Potassium",
     "2823-3",
     "mmol/L",
     3.5,
     5.1,
     {"K", "mmol/L", "2823-3", "mmol/L", 1.0, 1, "3.5-5.1"},
     {"K", "mEq/L", "2823-3", "meq/L", 1.0, 1, "3.5-5.1"}},
    {"Sodium",
     "2951-2",
     "mmol/L",
     136,
     145,
     {"NA", "mmol/L", "2951-2", "mmol/L", 1.0, 0, "136-145"},
     {"NA", "mEq/L", "2951-2", "meq/L", 1.0, 0, "136-145"}},
    {"INR",
     "6301-6",
     "{INR}",
     0.9,
     1.1,
     {"INR", "ratio", "6301-6", "{INR}", 1.0, 1, "0.9-1.1"},
     {"PT_INR", "INR", "6301-6", "{INR}", 1.0, 1, "0.9-1.1"}},
    {"BNP",
     "30934-4",
     "pg/mL",
     0,
     99,
     {"BNP", "pg/mL", "30934-4", "pg/mL", 1.0, 0, "<100"},
     {"BNP", "ng/L", "30934-4", "ng/L", 1.0, 0, "<100"}},
    {"Hemoglobin",
     "718-7",
     "g/dL",
     12.0,
     17.5,
     {"HGB", "g/dL", "718-7", "g/dL", 1.0, 1, "12.0-17.5"},
     {"HB", "g/L", "718-7", "g/L", 0.1, 0, "120-175"}},
};

}  // namespace

const ChronicInfo& ChronicInfoOf(Chronic condition) {
  return kChronic[static_cast<int>(condition)];
}
absl::Span<const CodeText> AcuteConditions() { return kAcute; }
absl::Span<const CodeText> HeartFailureExacerbations() { return kHfExacerbation; }
const DrugInfo& DrugInfoOf(Drug drug) { return kDrugs[static_cast<int>(drug)]; }
const CodeText& CptOf(Cpt cpt) { return kCpt[static_cast<int>(cpt)]; }
const LabTestInfo& LabTestInfoOf(LabTest test) { return kLabTests[static_cast<int>(test)]; }

const LabReporting& ReportingOf(LabTest test, LabSite site) {
  const LabTestInfo& info = LabTestInfoOf(test);
  return site == LabSite::kMain ? info.main : info.north;
}

int64_t ReportedX100(const LabReporting& reporting, int64_t canonical_x100) {
  double value = static_cast<double>(canonical_x100) / 100.0 / reporting.to_canonical;
  int64_t step = reporting.decimals >= 2 ? 1 : reporting.decimals == 1 ? 10 : 100;
  return static_cast<int64_t>(std::llround(value * 100.0 / static_cast<double>(step))) * step;
}

const char* AbnormalFlag(LabTest test, int64_t canonical_x100) {
  const LabTestInfo& info = LabTestInfoOf(test);
  double value = static_cast<double>(canonical_x100) / 100.0;
  if (value > info.high) return "H";
  if (value < info.low) return "L";
  return "";
}

}  // namespace tessera::riverside
