// Models: a valid value read into its struct, written back and read again
// gives an equal struct.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <functional>
#include <map>
#include <string>

#include "draft7_generator.hpp"
#include "lfkit/api/models.hpp"
#include "lfkit/api/schemas.hpp"
#include "lfkit/api/validators.hpp"

namespace {

using nlohmann::json;
namespace model = lfkit::api::model;

template <typename T>
void round_trip(const json& value) {
  const T first = value.get<T>();
  const json written = first;
  RC_LOG() << "written: " << written.dump() << "\n";
  const T second = written.get<T>();
  RC_ASSERT(first == second);
}

template <typename T>
bool written_is_valid(std::string_view name, const json& value) {
  const json written = value.get<T>();
  lfkit::api::Errors errors;
  return lfkit::api::validate::validate_component(name, written, errors);
}

struct ModelOps {
  std::function<void(const json&)> round_trip;
  std::function<bool(std::string_view, const json&)> written_is_valid;
};

template <typename T>
ModelOps ops_for() {
  return {round_trip<T>, written_is_valid<T>};
}

const std::map<std::string, ModelOps>& models() {
  static const std::map<std::string, ModelOps> table = {
      {"ApiKeyCreate", ops_for<model::ApiKeyCreate>()},
      {"ApiKeyRead", ops_for<model::ApiKeyRead>()},
      {"FlowCreate", ops_for<model::FlowCreate>()},
      {"FlowRead", ops_for<model::FlowRead>()},
      {"FlowUpdate", ops_for<model::FlowUpdate>()},
      {"FolderCreate", ops_for<model::FolderCreate>()},
      {"FolderRead", ops_for<model::FolderRead>()},
      {"UserCreate", ops_for<model::UserCreate>()},
      {"UserRead", ops_for<model::UserRead>()},
      {"VariableCreate", ops_for<model::VariableCreate>()},
      {"VariableRead", ops_for<model::VariableRead>()},
      {"MessageResponse", ops_for<model::MessageResponse>()},
      {"MessageRead", ops_for<model::MessageRead>()},
      {"SimplifiedAPIRequest", ops_for<model::SimplifiedAPIRequest>()},
      {"Token", ops_for<model::Token>()},
      {"TeamRead", ops_for<model::TeamRead>()},
      {"RoleCreate", ops_for<model::RoleCreate>()},
      {"ShareRead", ops_for<model::ShareRead>()},
      {"RunResponse", ops_for<model::RunResponse>()},
      {"TraceRead", ops_for<model::TraceRead>()},
  };
  return table;
}

class RoundTrip : public ::testing::TestWithParam<std::string> {};

TEST_P(RoundTrip, FromJsonToJsonFromJsonIsStable) {
  const std::string& name = GetParam();
  const json schema = json::parse(lfkit::api::draft7_schema(name));
  const ModelOps& ops = models().at(name);
  const auto gen = speccc_test::valid_value(schema);
  EXPECT_TRUE(rc::check(name, [&] {
    const json value = *gen;
    RC_LOG() << "value: " << value.dump() << "\n";
    ops.round_trip(value);
  }));
}

TEST_P(RoundTrip, WrittenModelIsValid) {
  const std::string& name = GetParam();
  const json schema = json::parse(lfkit::api::draft7_schema(name));
  const ModelOps& ops = models().at(name);
  const auto gen = speccc_test::valid_value(schema);
  EXPECT_TRUE(rc::check(name, [&] {
    const json value = *gen;
    RC_LOG() << "value: " << value.dump() << "\n";
    RC_ASSERT(ops.written_is_valid(name, value));
  }));
}

std::vector<std::string> model_names() {
  std::vector<std::string> out;
  for (const auto& [name, ops] : models()) out.push_back(name);
  return out;
}

INSTANTIATE_TEST_SUITE_P(Models, RoundTrip, ::testing::ValuesIn(model_names()),
                         [](const auto& info) { return info.param; });

}  // namespace
