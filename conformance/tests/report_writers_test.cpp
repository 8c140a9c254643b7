#include "conformance/report/report_writers.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

namespace lfkit::conformance {
namespace {

std::unique_ptr<ResultLog> sample_log() {
  auto log = std::make_unique<ResultLog>();
  log->add({"create_flow", "schema", "status_documented", Verdict::pass, "", std::nullopt, {}});
  log->add({"create_flow",
            "negative",
            "error_shape",
            Verdict::fail,
            "422 detail <malformed> & \"odd\"",
            Reproducer{"curl -X POST 'http://h/api/v1/flows/'", "422 list", "500 {}",
                       "/paths/~1api~1v1~1flows~1/post"},
            {}});
  log->add({"read_flow",
            "schema",
            "status_documented",
            Verdict::skip,
            "no flow to read",
            std::nullopt,
            {}});
  return log;
}

const std::vector<std::string> kOps = {"create_flow", "read_flow", "delete_flow"};

TEST(ReportWriters, SummaryRollsUpPerOperation) {
  auto summary = sample_log()->summarize(kOps);
  ASSERT_EQ(summary.operations.size(), 3u);
  EXPECT_EQ(summary.operations[0].verdict, Verdict::fail);
  EXPECT_EQ(summary.operations[1].verdict, Verdict::skip);
  EXPECT_EQ(summary.operations[1].reason, "no flow to read");
  EXPECT_EQ(summary.operations[2].reason, "not exercised");
  EXPECT_EQ(summary.exercised_operations, 1u);
  EXPECT_NEAR(summary.coverage(), 1.0 / 3, 1e-9);
  EXPECT_EQ(summary.failed_checks, 1u);
}

// The fault the new roll-up catches: a row said "pass" when only auth or
// negative checks passed, so a server answering 501 to every valid request
// passed its operations.
TEST(ReportWriters, ARowPassesOnlyWithItsPositiveCheck) {
  ResultLog log;
  log.add({"read_flow", "auth", "auth_refusal", Verdict::pass, "", std::nullopt, {}});
  log.add({"read_flow", "negative", "invalid_uuid", Verdict::pass, "", std::nullopt, {}});
  log.add({"get_version", "positive", "documented_success", Verdict::pass, "", std::nullopt, {}});
  log.add({"health", "positive", "implemented", Verdict::known, "501", std::nullopt, {}});
  auto summary = log.summarize({"read_flow", "get_version", "health"});
  EXPECT_EQ(summary.operations[0].verdict, Verdict::skip);
  EXPECT_EQ(summary.operations[0].reason, "no positive check ran");
  EXPECT_EQ(summary.operations[0].families.at("auth"), Verdict::pass);
  EXPECT_EQ(summary.operations[1].verdict, Verdict::pass);
  EXPECT_EQ(summary.operations[2].verdict, Verdict::known);
  EXPECT_EQ(summary.implemented_operations, 1u);
  std::ostringstream out;
  write_operation_table(out, summary);
  EXPECT_NE(out.str().find("implemented coverage: 1 of 3 spec operations (33.3%)"),
            std::string::npos)
      << out.str();
  EXPECT_NE(out.str().find("posit"), std::string::npos);
}

TEST(ReportWriters, TableListsEveryOperationAndCoverage) {
  std::ostringstream out;
  write_operation_table(out, sample_log()->summarize(kOps));
  const auto text = out.str();
  EXPECT_NE(text.find("delete_flow"), std::string::npos);
  EXPECT_NE(text.find("operations exercised: 1 of 3 (33.3%)"), std::string::npos);
}

TEST(ReportWriters, JunitEscapesAndCounts) {
  std::ostringstream out;
  write_junit(out, sample_log()->records());
  const auto xml = out.str();
  EXPECT_NE(xml.find("<testsuites name=\"lfkit-conformance\" tests=\"3\" failures=\"1\">"),
            std::string::npos);
  EXPECT_NE(xml.find("&lt;malformed&gt; &amp; &quot;odd&quot;"), std::string::npos);
  EXPECT_NE(xml.find("<skipped message=\"no flow to read\"/>"), std::string::npos);
  EXPECT_EQ(xml.find("<malformed>"), std::string::npos);
}

TEST(ReportWriters, JsonReportParsesBack) {
  auto log = sample_log();
  std::ostringstream out;
  write_json_report(out, "http://h", log->records(), log->summarize(kOps));
  auto doc = nlohmann::json::parse(out.str());
  EXPECT_EQ(doc["summary"]["checks_failed"], 1);
  EXPECT_EQ(doc["operations"][0]["result"], "fail");
  EXPECT_EQ(doc["checks"][1]["reproducer"]["spec_pointer"], "/paths/~1api~1v1~1flows~1/post");
}

TEST(ReportWriters, FailureBlockCarriesTheReproducer) {
  auto text = format_failure(sample_log()->records()[1]);
  EXPECT_NE(text.find("reproduce: curl -X POST"), std::string::npos);
  EXPECT_NE(text.find("spec:      spec/openapi.yaml#/paths/~1api~1v1~1flows~1/post"),
            std::string::npos);
}

TEST(ReportWriters, ExcerptCutsLongBodies) {
  EXPECT_EQ(excerpt("short"), "short");
  auto cut = excerpt(std::string(1000, 'a'), 10);
  EXPECT_EQ(cut, "aaaaaaaaaa... (1000 bytes)");
}

}  // namespace
}  // namespace lfkit::conformance
