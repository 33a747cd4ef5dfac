#include "livedetect/core/sha256.hpp"
#include "support/test_support.hpp"

#include <doctest/doctest.h>

#include <fstream>

using namespace livedetect;

TEST_CASE("sha256 of the FIPS 180-4 examples") {
    CHECK(sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST_CASE("sha256 of a file spanning several read blocks equals the in-memory hash") {
    test::TempDir tmp;
    std::string data(200000, '\0');
    for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<char>(i * 31 % 251);
    std::ofstream(tmp / "blob", std::ios::binary) << data;
    CHECK(sha256File(tmp / "blob") == sha256Hex(data));
    CHECK_THROWS(sha256File(tmp / "missing"));
}
