// Langflow API keys: "sk-" + token_urlsafe(32). Only a digest is stored; keys are
// high-entropy, so a fast hash suffices for lookup.
#pragma once

#include <string>
#include <string_view>

namespace lfkit::auth {

// "sk-" followed by 43 URL-safe base64 characters (46 in total).
std::string generate_api_key();

// Lower-case SHA-256 hex digest used as the stored, indexed lookup value.
std::string hash_api_key(std::string_view api_key);

// As upstream lists keys: the first 8 characters, then one '*' per remaining character.
std::string mask_api_key(std::string_view api_key);

}  // namespace lfkit::auth
