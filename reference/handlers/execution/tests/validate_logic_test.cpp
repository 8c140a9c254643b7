// Prompt variable extraction and the lexical Python checks against the texts
// CPython/upstream produce for the same inputs.
#include <gtest/gtest.h>

#include "handlers/execution/prompt_variables.hpp"
#include "handlers/execution/python_syntax.hpp"
#include "handlers/execution/run_request.hpp"
#include "handlers/execution/uuid5.hpp"

namespace lfkit::handlers::execution {
namespace {

using Names = std::vector<std::string>;

TEST(PromptVariables, FollowPythonFormatGrammar) {
  auto names = prompt_input_variables("Hello {name}, {{literal}} {x!r} {y:>10} {name}", false);
  ASSERT_TRUE(names);
  EXPECT_EQ(*names, (Names{"name", "x", "y"}));
  EXPECT_EQ(*prompt_input_variables("{a:{b}}", false), Names{"a"});
  EXPECT_EQ(format_field_names("{").error(), "Single '{' encountered in format string");
  EXPECT_EQ(format_field_names("}").error(), "Single '}' encountered in format string");
  EXPECT_EQ(format_field_names("{abc").error(), "expected '}' before end of string");
}

TEST(PromptVariables, InvalidNamesReportUpstreamsLists) {
  EXPECT_EQ(prompt_input_variables("{my var}", false).error(),
            "Input variables contain invalid characters or formats. \nInvalid variables:  , my "
            "var.\nEmpty variables: my var. \nFixed variables: myvar.");
  EXPECT_EQ(prompt_input_variables("{1abc} {ok}", false).error(),
            "Input variables contain invalid characters or formats. \nInvalid variables: "
            "1.\nEmpty variables: 1. \nFixed variables: abc, ok.");
  EXPECT_EQ(prompt_input_variables("{a.b} {c d}", false).error(),
            "Input variables contain invalid characters or formats. \nInvalid variables: ., "
            "a.b,  , c d, c d.\nEmpty variables: ., a.b,  , c d, c d. \nFixed variables: ab, cd.");
  EXPECT_EQ(prompt_input_variables("{a[x:y]}", false).error(),
            "Input variables contain invalid characters or formats. \nInvalid variables: [, :, ], "
            "a[x:y].\nEmpty variables: a[x:y]. \nFixed variables: axy.");
  EXPECT_EQ(prompt_input_variables("{template}", false).error(),
            "Invalid input variables. None of the variables can be named template. ");
}

TEST(PromptVariables, MustacheModeAllowsOnlySimpleVariables) {
  EXPECT_EQ(*prompt_input_variables("Hi {{name}} {single}", true), Names{"name"});
  EXPECT_EQ(prompt_input_variables("Hi {{ other}}", true).error(),
            "Invalid mustache variable: {{ other}}. Only simple variable names like {{variable}} "
            "are allowed.");
  EXPECT_EQ(prompt_input_variables("{{#list}}x{{/list}}", true).error(),
            "Complex mustache syntax is not allowed. Only simple variable substitution like "
            "{{variable}} is permitted.");
}

TEST(PromptVariables, FrontendNodeGainsAndLosesFields) {
  nlohmann::ordered_json node = {
      {"template", {{"old", {{"value", "x"}}}, {"keep", {{"value", "kept"}}}}},
      {"custom_fields", {{"template", {"old", "keep"}}}}};
  ASSERT_TRUE(apply_prompt_variables(node, "template", {"keep", "new"}));
  EXPECT_FALSE(node["template"].contains("old"));
  EXPECT_EQ(node["template"]["keep"]["value"], "kept");
  EXPECT_EQ(node["template"]["new"]["value"], "");
  EXPECT_EQ(node["template"]["new"]["input_types"], nlohmann::ordered_json({"Message"}));
  EXPECT_EQ(node["custom_fields"]["template"], nlohmann::ordered_json({"keep", "new"}));
}

TEST(PythonSyntax, MatchesCPythonMessages) {
  EXPECT_EQ(python_lexical_error("x = 1\n"), std::nullopt);
  EXPECT_EQ(python_lexical_error("s = '(' # ) comment\n"), std::nullopt);
  EXPECT_EQ(*python_lexical_error("x = (1,\n"), "'(' was never closed (<unknown>, line 1)");
  EXPECT_EQ(*python_lexical_error("x = 1)"), "unmatched ')' (<unknown>, line 1)");
  EXPECT_EQ(*python_lexical_error("x = [1)"),
            "closing parenthesis ')' does not match opening parenthesis '[' (<unknown>, line 1)");
  EXPECT_EQ(*python_lexical_error("x = [1,\n2)"),
            "closing parenthesis ')' does not match opening parenthesis '[' on line 1 "
            "(<unknown>, line 2)");
  EXPECT_EQ(*python_lexical_error("s = 'abc\n"),
            "unterminated string literal (detected at line 1) (<unknown>, line 1)");
  EXPECT_EQ(*python_lexical_error("s = \"\"\"abc\n\n"),
            "unterminated triple-quoted string literal (detected at line 2) (<unknown>, line 1)");
}

TEST(RunRequest, FlatWrappedAndInvalidBodies) {
  auto flat = parse_simplified_request({{"input_value", "hi"}, {"output_type", "any"}});
  EXPECT_EQ(flat.input_value, "hi");
  EXPECT_EQ(flat.output_type, "any");
  auto wrapped = parse_simplified_request({{"input_request", {{"input_value", "w"}}}});
  EXPECT_EQ(wrapped.input_value, "w");
  auto bad = parse_simplified_request({{"input_value", 3}, {"output_type", "any"}});
  EXPECT_EQ(bad.input_value, std::nullopt);
  EXPECT_EQ(bad.output_type, "chat");  // upstream falls back to every default
  SimplifiedRequest conflict;
  conflict.input_value = "x";
  conflict.tweaks = {{"ChatInput-1", {{"input_value", "y"}}}};
  EXPECT_TRUE(input_tweak_conflict(conflict));
  conflict.input_type = "text";
  EXPECT_FALSE(input_tweak_conflict(conflict));
}

TEST(Uuid5, MatchesPython) {
  // python3 -c 'import uuid; print(uuid.uuid5(uuid.NAMESPACE_DNS, "python.org"))'
  EXPECT_EQ(uuid5_dns("python.org"), "886313e1-3b8a-5372-9b90-0c9aee199e5d");
}

}  // namespace
}  // namespace lfkit::handlers::execution
