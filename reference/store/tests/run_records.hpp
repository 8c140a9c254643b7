// Messages, and transactions and vertex builds at fixed timestamps, for the run-record tests.
#pragma once

#include <string>

#include "store/entities.hpp"

namespace lfkit::store::testing {

// A user's chat message in session "s" of `flow_id`.
inline Message chat(const std::string& flow_id, const std::string& id, const std::string& text) {
  Message m;
  m.id = id;
  m.flow_id = flow_id;
  m.session_id = "s";
  m.sender = "User";
  m.sender_name = "User";
  m.text = text;
  return m;
}

inline Transaction tx_at(const std::string& flow_id, const std::string& vertex, int64_t micros) {
  Transaction t;
  t.flow_id = flow_id;
  t.vertex_id = vertex;
  t.target_id = "target";
  t.inputs_json = R"({"in":1})";
  t.outputs_json = R"({"out":2})";
  t.status = "success";
  t.timestamp = Time(std::chrono::microseconds(micros));
  return t;
}

inline VertexBuild build_at(const std::string& flow_id, const std::string& vertex, int64_t micros) {
  VertexBuild b;
  b.flow_id = flow_id;
  b.vertex_id = vertex;
  b.valid = true;
  b.params = "p";
  b.data_json = R"({"results":{}})";
  b.timestamp = Time(std::chrono::microseconds(micros));
  return b;
}

}  // namespace lfkit::store::testing
