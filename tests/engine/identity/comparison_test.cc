// Normalization of each source's spelling and the field comparisons.

#include "engine/identity/comparison.h"

#include "engine/identity/device_registration_file.h"
#include "engine/identity/nicknames.h"
#include "engine/identity/person_record.h"
#include "gtest/gtest.h"

namespace tessera::identity {
namespace {

TEST(Normalize, ReadsEverySourcesSpelling) {
  EXPECT_EQ(NormalizePhone("(513) 867-5309"), "5138675309");
  EXPECT_EQ(NormalizePhone("+15138675309"), "5138675309");
  EXPECT_EQ(NormalizePhone("513-867-530"), "");
  EXPECT_EQ(NormalizeZip("45211-7919"), "45211");
  EXPECT_EQ(NormalizeSex("Female"), 'f');
  EXPECT_EQ(NormalizeSex("U"), 0);
  EXPECT_EQ(NormalizeName("O'Brien-Smith, JR."), "obriensmith jr");
  EXPECT_EQ(NormalizeFamilyName("Van Dyke"), "vandyke");

  BirthDate iso = ParseBirthDate("1948-03-07");
  BirthDate us = ParseBirthDate("03/07/1948");
  BirthDate compact = ParseBirthDate("19480307");
  for (const BirthDate& d : {iso, us, compact}) {
    EXPECT_EQ(d.year, 1948);
    EXPECT_EQ(d.month, 3);
    EXPECT_EQ(d.day, 7);
  }
  EXPECT_FALSE(ParseBirthDate("1948-02-30").known());
  EXPECT_FALSE(ParseBirthDate("not a date").known());
}

TEST(Normalize, SplitsNames) {
  PersonRecord lab;
  SplitFamilyFirstName("VAN DYKE, JACQUELINE M", lab);
  EXPECT_EQ(lab.family, "vandyke");
  EXPECT_EQ(lab.given, "jacqueline");
  EXPECT_EQ(lab.middle, "m");
  PersonRecord device;
  SplitGivenFirstName("Jacqueline Van Dyke", device);
  EXPECT_EQ(device.given, "jacqueline");
  EXPECT_EQ(device.family, "vandyke");
  EXPECT_EQ(device.middle, "");
  PersonRecord with_middle;
  SplitGivenFirstName("Mary Ann Smith", with_middle);
  EXPECT_EQ(with_middle.middle, "ann");
  EXPECT_EQ(with_middle.family, "smith");
}

TEST(Nicknames, TableIsCompiledInAndChecked) {
  const NicknameTable& table = NicknameTable::Default();
  EXPECT_TRUE(table.Equivalent("robert", "bob"));
  EXPECT_TRUE(table.Equivalent("bob", "bobby"));  // Same line.
  EXPECT_TRUE(table.Equivalent("elizabeth", "betty"));
  EXPECT_FALSE(table.Equivalent("robert", "william"));
  EXPECT_FALSE(table.Equivalent("robert", "zzz"));

  absl::StatusOr<NicknameTable> bad = NicknameTable::Parse("robert bob\nlonely\n");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("line 2"), std::string::npos) << bad.status();
  bad = NicknameTable::Parse("# comment\nRobert bob\n");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("line 2"), std::string::npos) << bad.status();
}

TEST(RecordComparator, GivenNameLevels) {
  RecordComparator c;
  EXPECT_EQ(c.CompareGiven("robert", "robert"), 0);
  EXPECT_EQ(c.CompareGiven("robert", "bob"), 1);          // Nickname.
  EXPECT_EQ(c.CompareGiven("richard", "ric"), 1);         // Shortened.
  EXPECT_EQ(c.CompareGiven("jonathan", "jonahtan"), 2);   // One transposition.
  EXPECT_EQ(c.CompareGiven("robert", "william"), 4);
  EXPECT_EQ(c.CompareGiven("", "robert"), kMissing);
}

TEST(RecordComparator, SwappedNamesAreCloseNotDifferent) {
  RecordComparator c;
  PersonRecord a, b;
  a.given = "cooper";
  a.family = "murry";
  b.given = "murry";
  b.family = "cooper";
  ComparisonVector v = c.Compare(a, b);
  EXPECT_EQ(v[kGiven], 2);
  EXPECT_EQ(v[kFamily], 1);
  b.family = "smith";  // Only one of them swapped: just different.
  v = c.Compare(a, b);
  EXPECT_EQ(v[kGiven], 4);
  EXPECT_EQ(v[kFamily], 3);
}

TEST(RecordComparator, BirthDateLevels) {
  EXPECT_EQ(RecordComparator::CompareBirthDate({1948, 3, 7}, {1948, 3, 7}), 0);
  EXPECT_EQ(RecordComparator::CompareBirthDate({1948, 3, 7}, {1948, 7, 3}), 1);  // Day and month swapped.
  EXPECT_EQ(RecordComparator::CompareBirthDate({1948, 3, 7}, {1949, 3, 7}), 2);
  EXPECT_EQ(RecordComparator::CompareBirthDate({1948, 3, 7}, {1960, 5, 1}), 3);
  EXPECT_EQ(RecordComparator::CompareBirthDate({}, {1960, 5, 1}), kMissing);
}

TEST(RecordComparator, AddressIsOneField) {
  PersonRecord a, b;
  a.phone = b.phone = "5138675309";
  a.street = b.street = "12 elm st";
  EXPECT_EQ(RecordComparator::CompareAddress(a, b), 0);
  b.street = "99 oak ave";
  EXPECT_EQ(RecordComparator::CompareAddress(a, b), 1);
  b.phone = "5130000000";
  b.street = "12 elm street";
  a.zip = b.zip = "45211";
  EXPECT_EQ(RecordComparator::CompareAddress(a, b), 2);
  b.street = "99 oak ave";
  EXPECT_EQ(RecordComparator::CompareAddress(a, b), 5);
  b.zip = "45000";
  EXPECT_EQ(RecordComparator::CompareAddress(a, b), 6);
  EXPECT_EQ(RecordComparator::CompareAddress(PersonRecord{}, b), kMissing);
}

TEST(Fingerprint, ChangesWithAnyComparedField) {
  PersonRecord a;
  a.given = "mary";
  a.birth = {1950, 1, 2};
  PersonRecord b = a;
  EXPECT_EQ(Fingerprint(a), Fingerprint(b));
  b.birth.day = 3;
  EXPECT_NE(Fingerprint(a), Fingerprint(b));
  b = a;
  b.key.record_id = "other";  // The key is not a compared field.
  EXPECT_EQ(Fingerprint(a), Fingerprint(b));
}

}  // namespace
}  // namespace tessera::identity
