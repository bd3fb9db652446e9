#include "engine/riverside/names.h"

namespace tessera::riverside {
namespace {

constexpr const char* kFemale[] = {
    "Mary",     "Patricia",  "Jennifer",  "Linda",    "Elizabeth", "Barbara",    "Susan",
    "Jessica",  "Sarah",     "Karen",     "Nancy",    "Lisa",      "Margaret",   "Betty",
    "Sandra",   "Ashley",    "Dorothy",   "Kimberly", "Emily",     "Donna",      "Michelle",
    "Carol",    "Amanda",    "Melissa",   "Deborah",  "Stephanie", "Rebecca",    "Laura",
    "Sharon",   "Cynthia",   "Kathleen",  "Amy",      "Shirley",   "Angela",     "Helen",
    "Anna",     "Brenda",    "Pamela",    "Nicole",   "Samantha",  "Katherine",  "Emma",
    "Ruth",     "Christine", "Catherine", "Debra",    "Rachel",    "Carolyn",    "Janet",
    "Virginia", "Maria",     "Heather",   "Diane",    "Julie",     "Joyce",      "Victoria",
    "Olivia",   "Kelly",     "Christina", "Lauren",   "Joan",      "Evelyn",     "Judith",
    "Megan",    "Cheryl",    "Andrea",    "Hannah",   "Martha",    "Jacqueline", "Frances",
    "Gloria",   "Ann",       "Teresa",    "Kathryn",  "Sara",      "Janice",     "Jean",
    "Alice",    "Madison",   "Doris",     "Abigail",  "Julia",     "Judy",       "Grace",
    "Denise",   "Amber",     "Marilyn",   "Beverly",  "Danielle",  "Theresa",    "Sophia",
    "Marie",    "Diana",     "Brittany",  "Natalie",  "Isabella",  "Charlotte",  "Rose",
    "Alexis",   "Kayla",     "Mildred",   "Ava",      "Mia",       "Harper",     "Josephine",
};

constexpr const char* kMale[] = {
    "James",     "Robert",  "John",        "Michael",   "David",   "William", "Richard", "Joseph",
    "Thomas",    "Charles", "Christopher", "Daniel",    "Matthew", "Anthony", "Mark",    "Donald",
    "Steven",    "Paul",    "Andrew",      "Joshua",    "Kenneth", "Kevin",   "Brian",   "George",
    "Timothy",   "Ronald",  "Edward",      "Jason",     "Jeffrey", "Ryan",    "Jacob",   "Gary",
    "Nicholas",  "Eric",    "Jonathan",    "Stephen",   "Larry",   "Justin",  "Scott",   "Brandon",
    "Benjamin",  "Samuel",  "Gregory",     "Alexander", "Frank",   "Patrick", "Raymond", "Jack",
    "Dennis",    "Jerry",   "Tyler",       "Aaron",     "Jose",    "Adam",    "Nathan",  "Henry",
    "Douglas",   "Zachary", "Peter",       "Kyle",      "Ethan",   "Walter",  "Noah",    "Jeremy",
    "Christian", "Keith",   "Roger",       "Terry",     "Gerald",  "Harold",  "Sean",    "Austin",
    "Carl",      "Arthur",  "Lawrence",    "Dylan",     "Jesse",   "Jordan",  "Bryan",   "Billy",
    "Joe",       "Bruce",   "Gabriel",     "Logan",     "Albert",  "Willie",  "Alan",    "Juan",
    "Wayne",     "Elijah",  "Randy",       "Roy",       "Vincent", "Ralph",   "Eugene",  "Russell",
    "Bobby",     "Mason",   "Philip",      "Louis",     "Liam",    "Harry",   "Howard",  "Leonard",
    "Theodore",
};

constexpr const char* kFamily[] = {
    "Smith",       "Johnson",  "Williams", "Brown",       "Jones",      "Miller",    "Davis",
    "Wilson",      "Anderson", "Taylor",   "Thomas",      "Moore",      "Martin",    "Jackson",
    "Thompson",    "White",    "Harris",   "Clark",       "Lewis",      "Robinson",  "Walker",
    "Young",       "Allen",    "King",     "Wright",      "Scott",      "Hill",      "Green",
    "Adams",       "Baker",    "Nelson",   "Carter",      "Mitchell",   "Roberts",   "Turner",
    "Phillips",    "Campbell", "Parker",   "Evans",       "Edwards",    "Collins",   "Stewart",
    "Morris",      "Murphy",   "Cook",     "Rogers",      "Morgan",     "Cooper",    "Peterson",
    "Bailey",      "Reed",     "Kelly",    "Howard",      "Cox",        "Ward",      "Richardson",
    "Watson",      "Brooks",   "Wood",     "James",       "Bennett",    "Gray",      "Hughes",
    "Price",       "Sanders",  "Myers",    "Long",        "Ross",       "Foster",    "Powell",
    "Jenkins",     "Perry",    "Russell",  "Sullivan",    "Bell",       "Coleman",   "Butler",
    "Henderson",   "Barnes",   "Fisher",   "Hamilton",    "Graham",     "Wallace",   "Griffin",
    "West",        "Cole",     "Hayes",    "Bryant",      "Gibson",     "Ellis",     "Stevens",
    "Murray",      "Ford",     "Marshall", "Owens",       "McDonald",   "Harrison",  "Kennedy",
    "Wells",       "Alvarez",  "Woods",    "Mendoza",     "Castillo",   "Olson",     "Webb",
    "Washington",  "Tucker",   "Freeman",  "Burns",       "Henry",      "Vasquez",   "Snyder",
    "Simpson",     "Crawford", "Jimenez",  "Porter",      "Mason",      "Shaw",      "Gordon",
    "Wagner",      "Hunter",   "Romero",   "Hicks",       "Dixon",      "Hunt",      "Palmer",
    "Robertson",   "Black",    "Holmes",   "Stone",       "Meyer",      "Boyd",      "Mills",
    "Warren",      "Fox",      "Rose",     "Rice",        "Moreno",     "Schmidt",   "Patel",
    "Ferguson",    "Nichols",  "Herrera",  "Medina",      "Ryan",       "Fernandez", "Weaver",
    "Daniels",     "Stephens", "Gardner",  "Payne",       "Kelley",     "Dunn",      "Pierce",
    "Arnold",      "Tran",     "Spencer",  "Peters",      "Hawkins",    "Grant",     "Hansen",
    "Castro",      "Hoffman",  "Hart",     "Elliott",     "Cunningham", "Knight",    "Bradley",
    "O'Brien",     "O'Connor", "Nguyen",   "Kim",         "Schultz",    "Becker",    "Kowalski",
    "Smith-Jones", "Van Dyke", "DeLuca",   "Becker-Hall", "Oyelaran",   "Haddad",    "Lindqvist",
};

struct NicknameEntry {
  const char* name;
  const char* const* nicknames;
  int count;
};

#define RIVERSIDE_NICKNAMES(var, ...) constexpr const char* var[] = {__VA_ARGS__};
RIVERSIDE_NICKNAMES(kRobert, "Bob", "Rob", "Bobby")
RIVERSIDE_NICKNAMES(kWilliam, "Bill", "Will", "Billy")
RIVERSIDE_NICKNAMES(kElizabeth, "Liz", "Beth", "Betty", "Liza")
RIVERSIDE_NICKNAMES(kRichard, "Rick", "Dick", "Rich")
RIVERSIDE_NICKNAMES(kJames, "Jim", "Jimmy", "Jamie")
RIVERSIDE_NICKNAMES(kJohn, "Jack", "Johnny")
RIVERSIDE_NICKNAMES(kMichael, "Mike", "Mikey")
RIVERSIDE_NICKNAMES(kJoseph, "Joe", "Joey")
RIVERSIDE_NICKNAMES(kThomas, "Tom", "Tommy")
RIVERSIDE_NICKNAMES(kCharles, "Chuck", "Charlie")
RIVERSIDE_NICKNAMES(kChristopher, "Chris")
RIVERSIDE_NICKNAMES(kDaniel, "Dan", "Danny")
RIVERSIDE_NICKNAMES(kMatthew, "Matt")
RIVERSIDE_NICKNAMES(kAnthony, "Tony")
RIVERSIDE_NICKNAMES(kDonald, "Don", "Donnie")
RIVERSIDE_NICKNAMES(kSteven, "Steve")
RIVERSIDE_NICKNAMES(kStephen, "Steve")
RIVERSIDE_NICKNAMES(kKenneth, "Ken", "Kenny")
RIVERSIDE_NICKNAMES(kEdward, "Ed", "Eddie", "Ted")
RIVERSIDE_NICKNAMES(kTimothy, "Tim")
RIVERSIDE_NICKNAMES(kRonald, "Ron", "Ronnie")
RIVERSIDE_NICKNAMES(kJeffrey, "Jeff")
RIVERSIDE_NICKNAMES(kNicholas, "Nick")
RIVERSIDE_NICKNAMES(kBenjamin, "Ben")
RIVERSIDE_NICKNAMES(kSamuel, "Sam")
RIVERSIDE_NICKNAMES(kGregory, "Greg")
RIVERSIDE_NICKNAMES(kAlexander, "Alex")
RIVERSIDE_NICKNAMES(kRaymond, "Ray")
RIVERSIDE_NICKNAMES(kLawrence, "Larry")
RIVERSIDE_NICKNAMES(kGerald, "Jerry")
RIVERSIDE_NICKNAMES(kAndrew, "Andy", "Drew")
RIVERSIDE_NICKNAMES(kJoshua, "Josh")
RIVERSIDE_NICKNAMES(kZachary, "Zach")
RIVERSIDE_NICKNAMES(kTheodore, "Ted", "Teddy")
RIVERSIDE_NICKNAMES(kHarold, "Hal")
RIVERSIDE_NICKNAMES(kPatricia, "Pat", "Patty", "Trish")
RIVERSIDE_NICKNAMES(kJennifer, "Jen", "Jenny")
RIVERSIDE_NICKNAMES(kMargaret, "Maggie", "Peggy", "Meg")
RIVERSIDE_NICKNAMES(kKatherine, "Kate", "Kathy", "Katie")
RIVERSIDE_NICKNAMES(kCatherine, "Cathy", "Cat")
RIVERSIDE_NICKNAMES(kKathleen, "Kathy", "Kat")
RIVERSIDE_NICKNAMES(kSusan, "Sue", "Susie")
RIVERSIDE_NICKNAMES(kDeborah, "Deb", "Debbie")
RIVERSIDE_NICKNAMES(kDebra, "Deb", "Debbie")
RIVERSIDE_NICKNAMES(kBarbara, "Barb")
RIVERSIDE_NICKNAMES(kJessica, "Jess")
RIVERSIDE_NICKNAMES(kRebecca, "Becky")
RIVERSIDE_NICKNAMES(kSamantha, "Sam")
RIVERSIDE_NICKNAMES(kVictoria, "Vicky", "Tori")
RIVERSIDE_NICKNAMES(kDorothy, "Dot", "Dottie")
RIVERSIDE_NICKNAMES(kKimberly, "Kim")
RIVERSIDE_NICKNAMES(kCynthia, "Cindy")
RIVERSIDE_NICKNAMES(kPamela, "Pam")
RIVERSIDE_NICKNAMES(kTheresa, "Terry", "Tess")
RIVERSIDE_NICKNAMES(kJudith, "Judy")
RIVERSIDE_NICKNAMES(kFrances, "Fran")
RIVERSIDE_NICKNAMES(kVirginia, "Ginny")
RIVERSIDE_NICKNAMES(kAbigail, "Abby")
RIVERSIDE_NICKNAMES(kJacqueline, "Jackie")
RIVERSIDE_NICKNAMES(kChristine, "Chris", "Chrissy")
RIVERSIDE_NICKNAMES(kChristina, "Tina", "Chris")
RIVERSIDE_NICKNAMES(kAlexis, "Lexi")
RIVERSIDE_NICKNAMES(kJosephine, "Jo", "Josie")
#undef RIVERSIDE_NICKNAMES

#define RIVERSIDE_ENTRY(name, var) \
  { name, var, static_cast<int>(sizeof(var) / sizeof(var[0])) }
constexpr NicknameEntry kNicknames[] = {
    RIVERSIDE_ENTRY("Robert", kRobert),
    RIVERSIDE_ENTRY("William", kWilliam),
    RIVERSIDE_ENTRY("Elizabeth", kElizabeth),
    RIVERSIDE_ENTRY("Richard", kRichard),
    RIVERSIDE_ENTRY("James", kJames),
    RIVERSIDE_ENTRY("John", kJohn),
    RIVERSIDE_ENTRY("Michael", kMichael),
    RIVERSIDE_ENTRY("Joseph", kJoseph),
    RIVERSIDE_ENTRY("Thomas", kThomas),
    RIVERSIDE_ENTRY("Charles", kCharles),
    RIVERSIDE_ENTRY("Christopher", kChristopher),
    RIVERSIDE_ENTRY("Daniel", kDaniel),
    RIVERSIDE_ENTRY("Matthew", kMatthew),
    RIVERSIDE_ENTRY("Anthony", kAnthony),
    RIVERSIDE_ENTRY("Donald", kDonald),
    RIVERSIDE_ENTRY("Steven", kSteven),
    RIVERSIDE_ENTRY("Stephen", kStephen),
    RIVERSIDE_ENTRY("Kenneth", kKenneth),
    RIVERSIDE_ENTRY("Edward", kEdward),
    RIVERSIDE_ENTRY("Timothy", kTimothy),
    RIVERSIDE_ENTRY("Ronald", kRonald),
    RIVERSIDE_ENTRY("Jeffrey", kJeffrey),
    RIVERSIDE_ENTRY("Nicholas", kNicholas),
    RIVERSIDE_ENTRY("Benjamin", kBenjamin),
    RIVERSIDE_ENTRY("Samuel", kSamuel),
    RIVERSIDE_ENTRY("Gregory", kGregory),
    RIVERSIDE_ENTRY("Alexander", kAlexander),
    RIVERSIDE_ENTRY("Raymond", kRaymond),
    RIVERSIDE_ENTRY("Lawrence", kLawrence),
    RIVERSIDE_ENTRY("Gerald", kGerald),
    RIVERSIDE_ENTRY("Andrew", kAndrew),
    RIVERSIDE_ENTRY("Joshua", kJoshua),
    RIVERSIDE_ENTRY("Zachary", kZachary),
    RIVERSIDE_ENTRY("Theodore", kTheodore),
    RIVERSIDE_ENTRY("Harold", kHarold),
    RIVERSIDE_ENTRY("Patricia", kPatricia),
    RIVERSIDE_ENTRY("Jennifer", kJennifer),
    RIVERSIDE_ENTRY("Margaret", kMargaret),
    RIVERSIDE_ENTRY("Katherine", kKatherine),
    RIVERSIDE_ENTRY("Catherine", kCatherine),
    RIVERSIDE_ENTRY("Kathleen", kKathleen),
    RIVERSIDE_ENTRY("Susan", kSusan),
    RIVERSIDE_ENTRY("Deborah", kDeborah),
    RIVERSIDE_ENTRY("Debra", kDebra),
    RIVERSIDE_ENTRY("Barbara", kBarbara),
    RIVERSIDE_ENTRY("Jessica", kJessica),
    RIVERSIDE_ENTRY("Rebecca", kRebecca),
    RIVERSIDE_ENTRY("Samantha", kSamantha),
    RIVERSIDE_ENTRY("Victoria", kVictoria),
    RIVERSIDE_ENTRY("Dorothy", kDorothy),
    RIVERSIDE_ENTRY("Kimberly", kKimberly),
    RIVERSIDE_ENTRY("Cynthia", kCynthia),
    RIVERSIDE_ENTRY("Pamela", kPamela),
    RIVERSIDE_ENTRY("Theresa", kTheresa),
    RIVERSIDE_ENTRY("Judith", kJudith),
    RIVERSIDE_ENTRY("Frances", kFrances),
    RIVERSIDE_ENTRY("Virginia", kVirginia),
    RIVERSIDE_ENTRY("Abigail", kAbigail),
    RIVERSIDE_ENTRY("Jacqueline", kJacqueline),
    RIVERSIDE_ENTRY("Christine", kChristine),
    RIVERSIDE_ENTRY("Christina", kChristina),
    RIVERSIDE_ENTRY("Alexis", kAlexis),
    RIVERSIDE_ENTRY("Josephine", kJosephine),
};
#undef RIVERSIDE_ENTRY

constexpr const char* kStreets[] = {
    "Main",     "Oak",      "Maple",        "Elm",        "Walnut",      "Vine",    "Race",
    "Central",  "Madison",  "Reading",      "Montgomery", "Harrison",    "Ludlow",  "Riverside",
    "Columbia", "Eastern",  "Erie",         "Delta",      "Beechmont",   "Kenwood", "Winton",
    "Hamilton", "Dixie",    "Mount Vernon", "Linwood",    "Observatory", "Grandin", "Cherry",
    "Locust",   "Sycamore", "Chestnut",     "Poplar",     "Hickory",     "Willow",  "Cedar",
    "Pine",     "Ridge",    "Hill",         "Lake",       "Park",        "Church",  "School",
    "Mill",     "Spring",   "Washington",   "Lincoln",    "Jefferson",   "Jackson", "Highland",
    "Forest",   "Sunset",   "Meadow",       "Orchard",    "Valley",      "Liberty", "Franklin",
};

constexpr const char* kSuffixes[] = {"St",   "Ave", "Rd",  "Dr",   "Ln",
                                     "Blvd", "Ct",  "Way", "Pike", "Pl"};

constexpr const char* kCincinnati[] = {"45202", "45206", "45208", "45211", "45213", "45220",
                                       "45224", "45227", "45230", "45238", "45239", "45248"};
constexpr const char* kNorwood[] = {"45212"};
constexpr const char* kHamilton[] = {"45011", "45013", "45015"};
constexpr const char* kMiddletown[] = {"45042", "45044"};
constexpr const char* kMason[] = {"45040"};
constexpr const char* kDayton[] = {"45402", "45403", "45405", "45406", "45409",
                                   "45410", "45419", "45420", "45429", "45440"};
constexpr const char* kKettering[] = {"45429", "45409"};
constexpr const char* kCovington[] = {"41011", "41014", "41015", "41016", "41017"};
constexpr const char* kFlorence[] = {"41042"};
constexpr const char* kNewport[] = {"41071", "41076"};
constexpr const char* kLawrenceburg[] = {"47025"};
constexpr const char* kAurora[] = {"47001"};

constexpr Town kTowns[] = {
    {"Cincinnati", "OH", "513", kCincinnati, 0.34},
    {"Norwood", "OH", "513", kNorwood, 0.03},
    {"Hamilton", "OH", "513", kHamilton, 0.08},
    {"Middletown", "OH", "513", kMiddletown, 0.05},
    {"Mason", "OH", "513", kMason, 0.04},
    {"Dayton", "OH", "937", kDayton, 0.14},
    {"Kettering", "OH", "937", kKettering, 0.05},
    {"Covington", "KY", "859", kCovington, 0.10},
    {"Florence", "KY", "859", kFlorence, 0.05},
    {"Newport", "KY", "859", kNewport, 0.04},
    {"Lawrenceburg", "IN", "812", kLawrenceburg, 0.05},
    {"Aurora", "IN", "812", kAurora, 0.03},
};

}  // namespace

absl::Span<const char* const> FemaleGivenNames() { return kFemale; }
absl::Span<const char* const> MaleGivenNames() { return kMale; }
absl::Span<const char* const> FamilyNames() { return kFamily; }

absl::Span<const char* const> NicknamesOf(absl::string_view given_name) {
  for (const NicknameEntry& entry : kNicknames) {
    if (given_name == entry.name)
      return absl::Span<const char* const>(entry.nicknames, entry.count);
  }
  return {};
}

absl::Span<const char* const> StreetNames() { return kStreets; }
absl::Span<const char* const> StreetSuffixes() { return kSuffixes; }
absl::Span<const Town> Towns() { return kTowns; }

}  // namespace tessera::riverside
