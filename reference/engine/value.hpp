// The value travelling along an edge: text, a Message, Data, a DataFrame or a list.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/message.hpp"
#include "engine/token_stream.hpp"

namespace lfkit::engine {

struct Value {
  enum class Kind { none, text, message, data, dataframe };
  Kind kind = Kind::none;
  std::string text;                  // text kind
  std::shared_ptr<Message> message;  // message kind
  json data;                         // data: object; dataframe: array of objects
  // A message whose text is still to be streamed: the chunks, in order (LLM with stream on).
  std::shared_ptr<std::vector<std::string>> pending_tokens;
  // A message whose text is still arriving from a model call in flight (stream on, every
  // consumer a Chat Output): the Chat Output forwards each chunk as it comes.
  std::shared_ptr<TokenStream> live_tokens;

  static Value of_text(std::string t) {
    Value v;
    v.kind = Kind::text;
    v.text = std::move(t);
    return v;
  }
  static Value of_message(Message m) {
    Value v;
    v.kind = Kind::message;
    v.message = std::make_shared<Message>(std::move(m));
    return v;
  }
  static Value of_data(json object) {
    Value v;
    v.kind = Kind::data;
    v.data = std::move(object);
    return v;
  }
  static Value of_dataframe(json rows) {
    Value v;
    v.kind = Kind::dataframe;
    v.data = std::move(rows);
    return v;
  }

  // Text view used by components that take text (Message keeps its text, Data uses "text").
  std::string as_text() const;
  // The JSON put under outputs.<name>.message and artifacts raw.
  json to_json() const;
  // Upstream's artifact type name for this value.
  std::string type_name() const;
};

}  // namespace lfkit::engine
