#include "auth/secret_box.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <memory>
#include <stdexcept>

#include "auth/encoding.hpp"

namespace lfkit::auth {
namespace {

constexpr size_t kNonceBytes = 12;
constexpr size_t kTagBytes = 16;
// Domain separation: the same secret also signs JWTs.
constexpr std::string_view kKeyLabel = "lfkit/variable-encryption/v1";

using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

CipherCtx new_ctx() {
  CipherCtx ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
  if (!ctx) throw std::runtime_error("EVP_CIPHER_CTX_new failed");
  return ctx;
}

unsigned char* bytes(std::string& s) {
  return reinterpret_cast<unsigned char*>(s.data());
}
const unsigned char* bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

}  // namespace

SecretBox::SecretBox(std::string_view server_secret) : key_(32, '\0') {
  unsigned int len = 0;
  if (!HMAC(EVP_sha256(), server_secret.data(), static_cast<int>(server_secret.size()),
            bytes(kKeyLabel), kKeyLabel.size(), bytes(key_), &len) ||
      len != key_.size()) {
    throw std::runtime_error("key derivation failed");
  }
}

std::string SecretBox::encrypt(std::string_view plaintext) const {
  std::string nonce = random_bytes(kNonceBytes);
  std::string out = nonce;
  out.resize(kNonceBytes + plaintext.size() + kTagBytes);
  auto ctx = new_ctx();
  int len = 0;
  bool ok =
      EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr,
                         reinterpret_cast<const unsigned char*>(key_.data()), bytes(nonce)) == 1 &&
      EVP_EncryptUpdate(ctx.get(), bytes(out) + kNonceBytes, &len, bytes(plaintext),
                        static_cast<int>(plaintext.size())) == 1;
  int tail = 0;
  ok = ok && EVP_EncryptFinal_ex(ctx.get(), bytes(out) + kNonceBytes + len, &tail) == 1 &&
       EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTagBytes,
                           bytes(out) + kNonceBytes + plaintext.size()) == 1;
  if (!ok) throw std::runtime_error("AES-GCM encryption failed");
  return base64_encode(out);
}

Expected<std::string, DecryptError> SecretBox::decrypt(std::string_view encoded) const {
  auto raw = base64_decode(encoded);
  if (!raw || raw->size() < kNonceBytes + kTagBytes) return unexpected(DecryptError::malformed);
  std::string_view all(*raw);
  std::string_view nonce = all.substr(0, kNonceBytes);
  std::string_view body = all.substr(kNonceBytes, all.size() - kNonceBytes - kTagBytes);
  std::string tag(all.substr(all.size() - kTagBytes));

  std::string plain(body.size(), '\0');
  auto ctx = new_ctx();
  int len = 0;
  int tail = 0;
  bool ok =
      EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr,
                         reinterpret_cast<const unsigned char*>(key_.data()), bytes(nonce)) == 1 &&
      EVP_DecryptUpdate(ctx.get(), bytes(plain), &len, bytes(body),
                        static_cast<int>(body.size())) == 1 &&
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTagBytes, bytes(tag)) == 1 &&
      EVP_DecryptFinal_ex(ctx.get(), bytes(plain) + len, &tail) == 1;
  if (!ok) return unexpected(DecryptError::rejected);
  return plain;
}

}  // namespace lfkit::auth
