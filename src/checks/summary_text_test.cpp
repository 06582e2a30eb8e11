#include "checks/summary_text.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <random>

#include "model/source.hpp"
#include "model/text.hpp"
#include "random_pieces.hpp"

using digestlint::testing::random_pieces;

using namespace digestlint::summary;

TEST_CASE("latin_tokens keeps joined names and skips digit-led runs") {
  const auto tokens = latin_tokens("MIO는 GPT-4-Turbo와 3D 점군, MM1.5 모델 (What's New).");
  std::vector<std::string> texts;
  for (const Token& token : tokens) texts.emplace_back(token.text);
  CHECK(texts == std::vector<std::string>{"MIO", "GPT-4-Turbo", "MM1.5", "What's", "New"});
  CHECK(tokens[1].offset == std::string_view("MIO는 ").size());
}

TEST_CASE("ascii_lower_into, squash_into and latin_tokens_into replace what a buffer held") {
  std::string lowered = "A LONGER TEXT LEFT FROM THE SUMMARY BEFORE, WITH TOKENS AND ALL";
  std::string squashed = lowered;
  std::vector<Token> tokens = latin_tokens(lowered);
  for (const std::string_view text : {"MIO는 GPT-4를 씁니다", "", "Ab", "희소 어텐션 Sparse"}) {
    ascii_lower_into(text, lowered);
    CHECK(lowered == ascii_lower(text));
    squash_into(text, squashed);
    CHECK(squashed == squash(text));
    latin_tokens_into(text, tokens);
    const std::vector<Token> fresh = latin_tokens(text);
    REQUIRE(tokens.size() == fresh.size());
    for (std::size_t i = 0; i < fresh.size(); ++i) {
      CHECK(tokens[i].text == fresh[i].text);
      CHECK(tokens[i].offset == fresh[i].offset);
    }
  }
}

TEST_CASE("ascii_lower and latin_tokens, read a word at a time, agree with a byte at a time") {
  // Every byte value, placed at every offset of an eight-byte word and at the ragged end.
  const auto naive_lower = [](std::string text) {
    for (char& c : text) c = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    return text;
  };
  // Each token's [start, end).
  const auto naive_tokens = [](std::string_view text) {
    const auto alpha = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); };
    const auto alnum = [&](char c) { return alpha(c) || (c >= '0' && c <= '9'); };
    std::vector<std::pair<std::size_t, std::size_t>> tokens;
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (!alpha(text[i]) || (i > 0 && alnum(text[i - 1]))) continue;
      const std::size_t start = i;
      while (i + 1 < text.size() &&
             (alnum(text[i + 1]) ||
              ((text[i + 1] == '-' || text[i + 1] == '.' || text[i + 1] == '\'') &&
               i + 2 < text.size() && alnum(text[i + 2]))))
        ++i;
      tokens.emplace_back(start, i + 1);
    }
    return tokens;
  };
  std::mt19937 engine(2026);
  // Half the rounds mostly letters and digits, so words run over eight bytes and past the end.
  const std::string alphabet = "aZz@[`{09 -.'*^_\t\v\x80\xEA\xB0\x80";
  const std::string wordy = "aZz09aZz09aZz09 -.'";
  for (int round = 0; round < 2000; ++round) {
    const std::string& letters = round % 2 == 0 ? alphabet : wordy;
    std::string text(std::uniform_int_distribution<std::size_t>(0, 60)(engine), ' ');
    for (char& c : text) {
      const bool any_byte = std::uniform_int_distribution<int>(0, 3)(engine) == 0;
      c = any_byte
              ? static_cast<char>(std::uniform_int_distribution<int>(0, 255)(engine))
              : letters[std::uniform_int_distribution<std::size_t>(0, letters.size() - 1)(engine)];
    }
    CHECK(ascii_lower(text) == naive_lower(text));
    std::string squashed;
    for (const char c : naive_lower(text)) {
      if (std::string_view(" \t\n\r-_^'").find(c) == std::string_view::npos) squashed += c;
    }
    CHECK(squash(text) == squashed);
    std::vector<std::pair<std::size_t, std::size_t>> tokens;
    for (const Token& token : latin_tokens(text)) {
      tokens.emplace_back(token.offset, token.offset + token.text.size());
    }
    CHECK(tokens == naive_tokens(text));
    // '*', '`' and '[' are dropped wherever they stand (no ']' or '_' here to keep).
    std::string plain = text, expected;
    for (char& c : plain) c = c == ']' || c == '_' ? '*' : c;
    for (const char c : plain) {
      if (c != '*' && c != '`' && c != '[') expected += c;
    }
    CHECK(strip_markup(plain) == expected);
  }
}

TEST_CASE("stem folds common English suffixes") {
  CHECK(stem("Erasing") == stem("Erasure"));
  CHECK(stem("models") == "model");
  CHECK(stem("Captioning") == stem("captions"));
  CHECK(stem("data") == "data");  // too short to strip
  CHECK(stem("general") != stem("generation"));
  CHECK(stem("languages") == stem("language"));
  CHECK(stem("backbones") == stem("Backbone"));
  CHECK(stem("patches") == stem("patch"));
}

TEST_CASE("one_edit_apart agrees with edit_distance on lowercased words") {
  CHECK(one_edit_apart("Introspection", "Interospection"));
  CHECK(one_edit_apart("Introspection", "INTROSPECTIN"));
  CHECK(one_edit_apart("Introspection", "Introspectiom"));
  CHECK_FALSE(one_edit_apart("Introspection", "Interspection"));
  CHECK_FALSE(one_edit_apart("Routing", "Routings-x"));
  const std::vector<std::string> pieces = {"a", "b", "A", "c", "-"};
  std::mt19937 engine(20261204);
  for (int round = 0; round < 2000; ++round) {
    const std::string a = random_pieces(engine, pieces, 6), b = random_pieces(engine, pieces, 6);
    CAPTURE(a);
    CAPTURE(b);
    CHECK(one_edit_apart(a, b) == (digestlint::edit_distance(ascii_lower(a), ascii_lower(b)) <= 1));
  }
}

TEST_CASE("squash and strip_markup normalize for matching") {
  CHECK(squash("Tide-Net model") == "tidenetmodel");
  CHECK(squash("Tutor_CoPilot") == "tutorcopilot");
  CHECK(squash("Transformer^2") == "transformer2");  // a superscript written with a caret
  CHECK(squash("Yo'Chameleon") == "yochameleon");
  CHECK(squash("the Yo'LLaVA model's") == "theyollavamodels");  // across the 8-byte fast path
  CHECK(strip_markup("**굵게** [링크](https://x.org/a) `code` __b__") == "굵게 링크 code b");
}

TEST_CASE("is_name_like separates names from ordinary and common words") {
  const WordTable<> common = {"bert", "transformer", "llm"};
  CHECK(is_name_like("HPT", false, common));
  CHECK(is_name_like("NavStack", false, common));
  CHECK(is_name_like("CSI300", false, common));
  CHECK(is_name_like("Cross-Gating", false, common));
  CHECK_FALSE(is_name_like("BERT", false, common));
  CHECK_FALSE(is_name_like("Transformer", false, common));
  CHECK_FALSE(is_name_like("Benchmark", false, common));
  // Titles capitalize every word: a hyphenated compound is not a name there, an acronym is.
  CHECK_FALSE(is_name_like("Problem-Solving", true, common));
  CHECK(is_name_like("TN-Eye", true, common));
  CHECK(is_name_like("CoPilot", true, common));
}

TEST_CASE("is_name_like reads a token eight bytes at a time as a byte at a time would") {
  // The shape, byte by byte: letters with digits, or a capital after a letter (in a title), or
  // two capitals (elsewhere).
  const auto naive = [](std::string_view token, bool in_title) {
    const auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
    const auto letter = [&](char c) { return upper(c) || (c >= 'a' && c <= 'z'); };
    const bool letters = std::any_of(token.begin(), token.end(), letter);
    const bool digits =
        std::any_of(token.begin(), token.end(), [](char c) { return c >= '0' && c <= '9'; });
    int capitals = 0;
    bool inner_capital = false;
    for (std::size_t i = 0; i < token.size(); ++i) {
      capitals += upper(token[i]);
      inner_capital = inner_capital || (i > 0 && upper(token[i]) && letter(token[i - 1]));
    }
    if (token.size() < 2) return false;
    if (letters && digits) return true;
    return in_title ? inner_capital : capitals >= 2;
  };
  const WordTable<> none;
  // Half the rounds without digits, whose capitals alone decide; mostly lower case, so that a
  // capital after a letter is rare and falls on both sides of a word of bytes' edge.
  const std::string with_digits = "aZ0-\xEA", letters_only = "aaaaaaaZ-";
  std::mt19937 engine(11);
  for (int round = 0; round < 4000; ++round) {
    const std::string& alphabet = round % 2 == 0 ? with_digits : letters_only;
    std::string token(std::uniform_int_distribution<std::size_t>(0, 20)(engine), 'a');
    for (char& c : token) {
      c = alphabet[std::uniform_int_distribution<std::size_t>(0, alphabet.size() - 1)(engine)];
    }
    CAPTURE(token);
    for (const bool in_title : {false, true}) {
      CHECK(is_name_like(token, in_title, none) == naive(token, in_title));
    }
  }
}

TEST_CASE("split_entry reads lexicon entries") {
  const auto [key, values] = split_entry(" video : 비디오, 영상 ,, 동영상 ");
  CHECK(key == "video");
  CHECK(values == std::vector<std::string_view>{"비디오", "영상", "동영상"});
  CHECK(split_entry("lonely").second.empty());
}

TEST_CASE("shingles ignore wrapping and punctuation, and jaccard measures overlap") {
  const std::string a = "이 모델은 꽃의 수를 셉니다. Counting flowers, fast!";
  const std::string b = "이 모델은\n꽃의 수를 셉니다  Counting-flowers fast";
  const std::string c = "완전히 다른 문장으로 위성 일정을 최적화합니다";
  CHECK(jaccard(shingles(a, 5), shingles(b, 5)) == doctest::Approx(1.0));
  CHECK(jaccard(shingles(a, 5), shingles(c, 5)) < 0.1);
  CHECK(shingles("", 5).empty());
  CHECK(shingles("짧다", 5).size() == 1);  // shorter than a shingle: one hash for the whole text
}

// The rolling hash as a window over the whole list of kept characters, for comparison.
std::vector<std::uint64_t> naive_shingle_hashes(std::string_view text, std::size_t width) {
  std::vector<std::uint32_t> units;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t length = 0;
    const char32_t c = digestlint::decode_utf8(text, i, length);
    i += length;
    if (c >= 0x80 || std::isalnum(static_cast<int>(c))) {
      units.push_back(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
  }
  std::vector<std::uint64_t> out;
  for (std::size_t end = std::min(width, units.size()); end <= units.size(); ++end) {
    std::uint64_t hash = 0;
    for (std::size_t k = end - std::min(width, end); k < end; ++k) hash = hash * 1000003 + units[k];
    if (!units.empty()) out.push_back(hash);
    if (units.size() < width) break;
  }
  return out;
}

TEST_CASE("shingle_hashes reads the text once and agrees with a window over all of it") {
  // Letters of both cases, digits, punctuation, spaces and Hangul, at every width a rule allows.
  const std::vector<std::string> pieces = {"a", "Z", "9", " ", ".", "-", "한", "국", "어", "(x)"};
  std::mt19937 engine(99);
  for (int round = 0; round < 400; ++round) {
    const std::string text = random_pieces(engine, pieces, 40);
    const std::size_t width = 1 + engine() % kMaxShingleWidth;
    CHECK_MESSAGE(shingle_hashes(text, width) == naive_shingle_hashes(text, width), "width ", width,
                  ", text '", text, "'");
  }
}

TEST_CASE("PhraseMatcher counts every pattern in one pass") {
  PhraseMatcher matcher;
  const std::size_t model = matcher.add("새로운 모델");
  const std::size_t short_one = matcher.add("모델");
  const std::size_t rl = matcher.add("rl", true);
  const std::size_t again = matcher.add("모델");
  matcher.build();
  CHECK(again == short_one);
  const std::vector<int> counts = matcher.count("새로운 모델과 기존 모델, rl 정책; world 모델");
  CHECK(counts[model] == 1);
  CHECK(counts[short_one] == 3);  // overlapping with the longer phrase too
  CHECK(counts[rl] == 1);         // "world" does not count: rl must start a word
  CHECK(PhraseMatcher().count("anything").empty());
}

TEST_CASE("PhraseMatcher counts one-byte patterns at the end and tells word starts apart") {
  PhraseMatcher matcher;
  const std::size_t x = matcher.add("x");
  const std::size_t anywhere = matcher.add("ab");
  const std::size_t word = matcher.add("ab", true);
  const std::size_t abc = matcher.add("abc");
  const std::size_t c = matcher.add("c");
  matcher.build();
  const std::vector<int> counts = matcher.count("cab ab x");
  CHECK(counts[x] == 1);         // the very last byte
  CHECK(counts[anywhere] == 2);  // after a letter too
  CHECK(counts[word] == 1);      // only where a word starts
  // Candidates are marked 64 positions at a time: "abc" starts at 63 and ends in the next block;
  // the last byte's next two are past the end.
  const std::vector<int> at_edge = matcher.count(std::string(63, ' ') + "abc");
  CHECK(at_edge[anywhere] == 1);
  CHECK(at_edge[word] == 1);
  CHECK(at_edge[abc] == 1);
  CHECK(at_edge[c] == 1);
  CHECK(at_edge[x] == 0);
}

namespace {

// Occurrences of each pattern in text, one find per position: what PhraseMatcher must agree with.
std::vector<int> naive_counts(const std::vector<std::pair<std::string, bool>>& patterns,
                              std::string_view text) {
  const auto alnum = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
  std::vector<int> counts;
  for (const auto& [pattern, word_start] : patterns) {
    int count = 0;
    for (std::size_t i = 0; !pattern.empty() && i + pattern.size() <= text.size(); ++i) {
      if (text.substr(i, pattern.size()) != pattern) continue;
      if (word_start && i > 0 && alnum(text[i - 1])) continue;
      ++count;
    }
    counts.push_back(count);
  }
  return counts;
}

}  // namespace

TEST_CASE("PhraseMatcher agrees with a naive count on random texts") {
  // Few distinct pieces, so patterns overlap, share prefixes and nest; Hangul syllables share
  // lead bytes; patterns shorter and longer than a key, and keys shared by several patterns.
  // Stray UTF-8 bytes and NUL too: the matcher works on bytes and must not assume valid text.
  // Patterns that start with a continuation byte (stray \xb0) make it try every position; the
  // others, only where a character starts: both are tried.
  const std::vector<std::string> pieces = {
      "가", "각", "나", "다", "a", "b", "A", "B", " ", "-", "\xea", "\xb0", std::string(1, '\0')};
  const auto starts_inside_a_character = [](const std::string& pattern) {
    return !pattern.empty() && (static_cast<unsigned char>(pattern[0]) & 0xC0) == 0x80;
  };
  std::mt19937 engine(12345);
  for (int round = 0; round < 80; ++round) {
    const bool only_at_character_starts = round % 2 == 0;
    CAPTURE(only_at_character_starts);
    std::vector<std::pair<std::string, bool>> patterns;
    const std::size_t pattern_count = 1 + engine() % 30;
    while (patterns.size() < pattern_count) {
      std::string pattern = random_pieces(engine, pieces, 7);
      const bool word_start = engine() % 3 == 0;
      if (only_at_character_starts && starts_inside_a_character(pattern)) continue;
      patterns.emplace_back(std::move(pattern), word_start);
    }
    std::vector<std::string> texts;
    for (int t = 0; t < 10; ++t) texts.push_back(random_pieces(engine, pieces, 80));
    PhraseMatcher matcher;
    std::vector<std::pair<std::string, bool>> distinct;  // patterns by id
    for (const auto& [pattern, word_start] : patterns) {
      if (matcher.add(pattern, word_start) == distinct.size()) {
        distinct.emplace_back(pattern, word_start);
      }
    }
    matcher.build();
    for (const std::string& text : texts) {
      CAPTURE(text);
      CHECK(matcher.count(text) == naive_counts(distinct, text));
      CHECK(matcher.count_in_lowercase(text) == naive_counts(distinct, ascii_lower(text)));
    }
  }
}

TEST_CASE("holds agrees with find on random texts, whatever byte of the needle it probes") {
  // Needles that match at the text's start and end, overlap themselves and share bytes with the
  // text everywhere; stray UTF-8 bytes and NUL too, and needles longer than the text.
  const std::vector<std::string> pieces = {
      "가", "각", "나", "a", "b", " ", "\xea", "\xb0", std::string(1, '\0')};
  std::mt19937 engine(4242);
  for (int round = 0; round < 400; ++round) {
    const std::string text = random_pieces(engine, pieces, 40);
    const std::string needle = random_pieces(engine, pieces, 5);
    CAPTURE(text);
    CAPTURE(needle);
    const bool found = text.find(needle) != std::string::npos;
    for (std::size_t probe = 0; probe <= needle.size(); ++probe) {  // one past: memmem
      CHECK(holds(text, needle, probe) == found);
    }
  }
  CHECK(holds("희소 어텐션", "어텐션", 4));
  CHECK_FALSE(holds("희소 어텐", "어텐션", 4));
}

TEST_CASE("WordTable agrees with std::map through growth, on keys of every length") {
  std::mt19937 engine(7);
  WordTable<int> table;
  std::map<std::string, int> reference;
  for (int round = 0; round < 5000; ++round) {
    std::string key(std::uniform_int_distribution<std::size_t>(0, 20)(engine), 'a');
    for (char& c : key) c = static_cast<char>(std::uniform_int_distribution<int>(0, 3)(engine));
    const bool added = !reference.contains(key);
    if (round % 2 == 0) {
      CHECK(table.insert(key) == added);
      reference.try_emplace(key, 0);
    } else {
      table[key] += round;
      reference[key] += round;
    }
    const std::string probe(key.size() + 1, '\1');
    CHECK(table.contains(probe) == reference.contains(probe));
  }
  CHECK(table.size() == reference.size());
  for (const auto& [key, value] : reference) {
    REQUIRE(table.find(key) != nullptr);
    CHECK(*table.find(key) == value);
  }
  // A table moved from is empty and usable; an empty key, even a null view, is a key.
  const WordTable<int> moved = std::move(table);
  CHECK(moved.size() == reference.size());
  CHECK(table.size() == 0);  // NOLINT(bugprone-use-after-move): what is tested
  CHECK_FALSE(table.contains("x"));
  CHECK(table.insert("x"));
  CHECK(table.size() == 1);
  CHECK_FALSE(table.contains(std::string_view()));
  CHECK(table.insert(std::string_view()));
  CHECK(table.contains(std::string_view()));
  CHECK(table.contains(""));
}
