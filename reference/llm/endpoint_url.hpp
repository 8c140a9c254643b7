// An OpenAI-compatible base URL ("https://api.openai.com/v1", "http://127.0.0.1:8000/v1"),
// split into what a connection needs.
#pragma once

#include <string>
#include <string_view>

#include "common/expected.hpp"

namespace lfkit::llm {

struct EndpointUrl {
  bool tls = false;
  std::string host;
  std::string port;         // "443" / "80" unless the URL names one
  std::string path_prefix;  // without a trailing slash: "/v1", or "" for the root

  // The target of an API route below the base, e.g. "/v1/chat/completions".
  std::string target(std::string_view route) const { return path_prefix + std::string(route); }
  // What the Host header carries.
  std::string authority() const;
};

// http or https only; no user info, query or fragment. The error says what is wrong.
Expected<EndpointUrl, std::string> parse_endpoint_url(std::string_view url);

}  // namespace lfkit::llm
