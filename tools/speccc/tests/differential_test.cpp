// The generated validators against valijson on the same draft-07 documents:
// for every component, valid and mutated values must get the same verdict.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cstdlib>
#include <iostream>
#include <set>
#include <string>

#include "draft7_generator.hpp"
#include "lfkit/api/schemas.hpp"
#include "lfkit/api/validators.hpp"
#include "valijson_oracle.hpp"

namespace {

using nlohmann::json;

int cases_per_schema() {
  const char* env = std::getenv("LFKIT_PROPERTY_CASES");
  const int requested = env ? std::atoi(env) : 0;
#ifdef __SANITIZE_ADDRESS__
  // Sanitized builds run ~20x slower; keep the suite inside its time budget.
  constexpr int kDefaultCases = 100;
#else
  constexpr int kDefaultCases = 1000;
#endif
  return requested > kDefaultCases ? requested : kDefaultCases;
}

// Components whose generated validator is known to disagree with valijson
// (see the speccc test report); empty while none are known.
const std::set<std::string, std::less<>> kKnownMismatches = {};

bool generated_accepts(std::string_view component, const json& value) {
  lfkit::api::Errors errors;
  const bool valid = lfkit::api::validate::validate_component(component, value, errors);
  // A verdict and its error list must agree.
  RC_ASSERT(valid == errors.empty());
  return valid;
}

// Runs a RapidCheck property for `cases` successes (shrinking on failure);
// prints only failures, so 130+ components stay readable.
template <typename Property>
bool run_property(std::string_view component, int cases, Property property) {
  rc::detail::TestParams params = rc::detail::configuration().testParams;
  params.maxSuccess = cases;
  rc::detail::TestMetadata metadata;
  metadata.id = std::string(component);
  metadata.description = std::string(component);
  const auto result = rc::detail::checkTestable(property, metadata, params);
  if (!result.template is<rc::detail::SuccessResult>()) {
    std::cerr << "- " << component << "\n";
    rc::detail::printResultMessage(result, std::cerr);
    std::cerr << "\n";
    return false;
  }
  return true;
}

struct Verdicts {
  int accepted = 0;
  int rejected = 0;
};

bool check_agreement(std::string_view component, const rc::Gen<json>& gen, int cases,
                     Verdicts* tally = nullptr) {
  return run_property(component, cases, [&] {
    const json value = *gen;
    const bool ours = generated_accepts(component, value);
    if (tally) ++(ours ? tally->accepted : tally->rejected);
    const bool theirs = speccc_test::valijson_accepts(component, value);
    RC_LOG() << "value: " << value.dump() << "\ngenerated validator: " << ours
             << ", valijson: " << theirs << "\n";
    RC_ASSERT(ours == theirs);
  });
}

json schema_of(std::string_view component) {
  return json::parse(lfkit::api::draft7_schema(component));
}

TEST(Differential, ValidValuesAreAcceptedByBoth) {
  const int cases = cases_per_schema();
  for (const std::string_view name : lfkit::api::component_names()) {
    if (kKnownMismatches.contains(name)) continue;
    const json schema = schema_of(name);
    EXPECT_TRUE(check_agreement(name, speccc_test::valid_value(schema), cases / 2)) << name;
  }
}

TEST(Differential, MutatedValuesGetTheSameVerdict) {
  const int cases = cases_per_schema();
  Verdicts tally;
  for (const std::string_view name : lfkit::api::component_names()) {
    if (kKnownMismatches.contains(name)) continue;
    EXPECT_TRUE(
        check_agreement(name, speccc_test::mutated_value(schema_of(name)), cases / 2, &tally))
        << name;
  }
  // Mutations must reach the rejection paths often enough to mean something.
  EXPECT_GT(tally.rejected, (tally.accepted + tally.rejected) / 5)
      << tally.accepted << " accepted, " << tally.rejected << " rejected";
  std::cout << "mutated values: " << tally.accepted << " accepted, " << tally.rejected
            << " rejected\n";
}

TEST(Differential, GeneratedValuesAreValid) {
  // The generator itself must produce valid values, or the comparison above
  // would only ever exercise rejection paths.
  for (const std::string_view name : lfkit::api::component_names()) {
    const json schema = schema_of(name);
    const auto gen = speccc_test::valid_value(schema);
    EXPECT_TRUE(run_property(name, 100, [&] {
      const json value = *gen;
      RC_LOG() << value.dump() << "\n";
      RC_ASSERT(speccc_test::valijson_accepts(name, value));
    })) << name;
  }
}

TEST(Differential, UnknownComponentIsRejected) {
  lfkit::api::Errors errors;
  EXPECT_FALSE(lfkit::api::validate::validate_component("NoSuchComponent", json::object(), errors));
}

}  // namespace
