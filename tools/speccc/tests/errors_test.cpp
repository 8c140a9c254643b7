// lfkit-speccc on malformed specs: exit code 1 and one message naming the
// file and the JSON pointer of the offending node; never a crash.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>

namespace {

struct RunResult {
  int exit_code = -1;  // -1 when the process did not exit normally (crash)
  std::string output;
};

RunResult run_speccc(const std::string& spec_name) {
  const std::string spec = std::string(LFKIT_BAD_SPECS_DIR) + "/" + spec_name;
  const auto out_dir = std::filesystem::temp_directory_path() / ("speccc_errors_" + spec_name);
  const std::string command =
      std::string("'") + LFKIT_SPECCC_BIN + "' '" + spec + "' '" + out_dir.string() + "' 2>&1";
  RunResult result;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return result;
  std::array<char, 512> buffer{};
  while (fgets(buffer.data(), buffer.size(), pipe) != nullptr) result.output += buffer.data();
  const int status = pclose(pipe);
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  std::filesystem::remove_all(out_dir);
  return result;
}

void expect_spec_error(const std::string& spec_name, const std::string& pointer,
                       const std::string& words) {
  const RunResult r = run_speccc(spec_name);
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find(spec_name + "#" + pointer), std::string::npos) << r.output;
  EXPECT_NE(r.output.find(words), std::string::npos) << r.output;
}

TEST(Errors, ValidBaselineCompiles) {
  const RunResult r = run_speccc("valid.yaml");
  EXPECT_EQ(r.exit_code, 0) << r.output;
}

TEST(Errors, UnknownSchemaKeyword) {
  expect_spec_error("unknown_keyword.yaml", "/components/schemas/Item/properties/name/frobnicate",
                    "unsupported schema keyword 'frobnicate'");
}

TEST(Errors, DanglingRef) {
  expect_spec_error(
      "dangling_ref.yaml",
      "/paths/~1items~1{item_id}/get/responses/200/content/application~1json/schema/$ref",
      "#/components/schemas/Missing");
}

TEST(Errors, DuplicateOperationId) {
  expect_spec_error("duplicate_operation_id.yaml", "/paths/~1other/get/operationId",
                    "duplicate operationId 'read_item'");
}

TEST(Errors, MissingAuthClass) {
  expect_spec_error("missing_auth.yaml", "/paths/~1items~1{item_id}/get/x-lfkit-auth",
                    "auth class");
}

TEST(Errors, UndeclaredPathParameter) {
  expect_spec_error("undeclared_path_param.yaml",
                    "/paths/~1items~1{item_id}~1{extra}/get/parameters",
                    "path parameter 'extra' not declared");
}

TEST(Errors, BadYamlNamesFileAndLine) {
  const RunResult r = run_speccc("bad_yaml.yaml");
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("bad_yaml.yaml"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("line 4"), std::string::npos) << r.output;
}

TEST(Errors, MissingFileIsAnErrorNotACrash) {
  const RunResult r = run_speccc("does_not_exist.yaml");
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("does_not_exist.yaml"), std::string::npos) << r.output;
}

}  // namespace
