#include "rules/profile_loader.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <re2/re2.h>
#include <yaml-cpp/yaml.h>

#include <set>

#include "checks/calendar.hpp"
#include "rules/kinds/regex.hpp"
#include "rules/params.hpp"

namespace digestlint {
namespace {

const std::set<std::string, std::less<>> kProfileKeys{"name",  "description", "extends", "detect",
                                                      "entry", "summary",     "required"};
const std::set<std::string, std::less<>> kFields{"header", "media", "votes", "authors", "summary"};

class ProfileReader {
 public:
  ProfileReader(const PackSource& pack, const ProfileSet& earlier)
      : path_(pack.path), earlier_(earlier) {}

  Profile read(const YAML::Node& node) {
    if (!node.IsMap()) fail(node, "each profile must be a map");
    for (const auto& item : node) {
      const std::string key = scalar(item.first, "key");
      if (!kProfileKeys.contains(key))
        fail(item.first, fmt::format("unknown key '{}' in profile (expected {})", key,
                                     fmt::join(kProfileKeys, ", ")));
    }
    Profile profile;
    if (node["extends"]) {
      const std::string base = scalar(node["extends"], "extends");
      const auto found = earlier_.find(base);
      if (!found) fail(node["extends"], fmt::format("no earlier profile named '{}'", base));
      profile = *found;
    }
    profile.name = scalar(require(node, "name"), "name");
    profile.description = node["description"] ? scalar(node["description"], "description") : "";
    if (node["detect"]) read_detect(node["detect"], profile);
    if (node["entry"]) read_entry(node["entry"], profile);
    if (node["summary"]) read_summary(node["summary"], profile);
    if (node["required"]) {
      profile.required = strings(node["required"], "required");
      for (std::size_t i = 0; i < profile.required.size(); ++i) {
        if (!kFields.contains(profile.required[i]))
          fail(node["required"][i], fmt::format("unknown field '{}' (expected {})",
                                                profile.required[i], fmt::join(kFields, ", ")));
      }
    }
    return profile;
  }

 private:
  [[noreturn]] void fail(const YAML::Node& at, const std::string& message) const {
    throw RuleError(location_of(path_, at), message);
  }

  YAML::Node require(const YAML::Node& node, const char* key) const {
    if (!node[key]) fail(node, fmt::format("profile is missing '{}'", key));
    return node[key];
  }

  std::string scalar(const YAML::Node& node, std::string_view what) const {
    if (!node.IsScalar()) fail(node, fmt::format("'{}' must be a string", what));
    return node.Scalar();
  }

  std::vector<std::string> strings(const YAML::Node& node, std::string_view what) const {
    if (node.IsScalar()) return {node.Scalar()};
    if (!node.IsSequence()) fail(node, fmt::format("'{}' must be a list of strings", what));
    std::vector<std::string> result;
    for (const YAML::Node& item : node) result.push_back(scalar(item, what));
    return result;
  }

  bool boolean(const YAML::Node& node, std::string_view what) const {
    const std::string text = scalar(node, what);
    if (text == "true" || text == "allowed") return true;
    if (text == "false" || text == "reported") return false;
    fail(node, fmt::format("'{}' must be true or false", what));
  }

  std::shared_ptr<const RE2> regex(const YAML::Node& node, std::string_view what) const {
    return compile_rule_regex(scalar(node, what), [&](const std::string& problem) {
      fail(node, fmt::format("'{}': {}", what, problem));
    });
  }

  std::string date(const YAML::Node& node, std::string_view what) const {
    static const RE2 iso(R"(\d{4}-\d{2}-\d{2})");
    const std::string text = scalar(node, what);
    if (text.empty()) return text;  // "" clears an inherited bound
    if (!RE2::FullMatch(text, iso)) fail(node, fmt::format("'{}' must be a YYYY-MM-DD date", what));
    std::string problem;
    if (!checks::parse_date(text, &problem)) fail(node, fmt::format("'{}': {}", what, problem));
    return text;
  }

  void read_detect(const YAML::Node& node, Profile& profile) const {
    expect_keys(node, "detect", {"header", "header-date", "from", "until", "marker", "fallback"});
    if (node["header"]) profile.header = regex(node["header"], "header");
    if (node["header-date"]) profile.header_has_date = boolean(node["header-date"], "header-date");
    if (node["from"]) profile.from = date(node["from"], "from");
    if (node["until"]) profile.until = date(node["until"], "until");
    // ISO dates compare as text.
    if (!profile.from.empty() && !profile.until.empty() && profile.until < profile.from) {
      fail(node["until"] ? node["until"] : node["from"],
           fmt::format("'until' ({}) is before 'from' ({}): no digest's date is in between",
                       profile.until, profile.from));
    }
    if (node["marker"]) {
      const bool cleared = node["marker"].IsScalar() && node["marker"].Scalar().empty();
      profile.marker = cleared ? nullptr : regex(node["marker"], "marker");
    }
    if (node["fallback"]) profile.fallback = boolean(node["fallback"], "fallback");
  }

  void read_entry(const YAML::Node& node, Profile& profile) const {
    expect_keys(node, "entry", {"heading", "media", "votes", "authors", "comments"});
    if (node["heading"]) {
      const std::string heading = scalar(node["heading"], "heading");
      if (heading != "link" && heading != "title-url")
        fail(node["heading"], "'heading' must be link (`### [Title](url)`) or title-url");
      profile.heading = heading == "link" ? Profile::Heading::link : Profile::Heading::title_url;
    }
    if (node["media"]) read_media(node["media"], profile);
    if (node["votes"]) read_votes(node["votes"], profile);
    if (node["comments"]) profile.comment_labels = strings(node["comments"], "comments");
    if (node["authors"]) read_authors(node["authors"], profile);
  }

  void read_media(const YAML::Node& node, Profile& profile) const {
    if (!node.IsSequence()) fail(node, "'media' must be a list of {kind, url}");
    profile.media.clear();
    for (const YAML::Node& item : node) {
      expect_keys(item, "media", {"kind", "url", "acceptable", "paper-thumbnail"});
      MediaKind kind;
      kind.name = scalar(require(item, "kind"), "kind");
      kind.url = regex(require(item, "url"), "url");
      if (item["acceptable"]) kind.acceptable = boolean(item["acceptable"], "acceptable");
      if (item["paper-thumbnail"])
        kind.paper_thumbnail = boolean(item["paper-thumbnail"], "paper-thumbnail");
      profile.media.push_back(std::move(kind));
    }
  }

  // `votes: ["Vote:"]`, or `votes: {labels: ["Vote:"], unknown: ["-"]}`.
  void read_votes(const YAML::Node& node, Profile& profile) const {
    if (!node.IsMap()) {
      profile.vote_labels = strings(node, "votes");
      return;
    }
    expect_keys(node, "votes", {"labels", "unknown"});
    if (node["labels"]) profile.vote_labels = strings(node["labels"], "labels");
    if (node["unknown"]) profile.unknown_votes = strings(node["unknown"], "unknown");
  }

  void read_authors(const YAML::Node& node, Profile& profile) const {
    expect_keys(node, "authors", {"labels", "syntax", "adjacent-repeats"});
    if (node["labels"]) profile.author_labels = strings(node["labels"], "labels");
    if (node["adjacent-repeats"])
      profile.adjacent_author_repeats = boolean(node["adjacent-repeats"], "adjacent-repeats");
    if (!node["syntax"]) return;
    profile.author_syntaxes.clear();
    for (const std::string& syntax : strings(node["syntax"], "syntax")) {
      if (syntax == "comma") {
        profile.author_syntaxes.push_back(Profile::AuthorSyntax::comma);
      } else if (syntax == "python-list") {
        profile.author_syntaxes.push_back(Profile::AuthorSyntax::python_list);
      } else {
        fail(node["syntax"],
             fmt::format("unknown author syntax '{}' (comma, python-list)", syntax));
      }
    }
  }

  void read_summary(const YAML::Node& node, Profile& profile) const {
    expect_keys(node, "summary",
                {"untitled-bullets", "min-bullets", "sections", "emphasis", "extra-sections"});
    if (node["untitled-bullets"])
      profile.untitled_summary = boolean(node["untitled-bullets"], "untitled-bullets");
    if (node["min-bullets"]) profile.min_bullets = node["min-bullets"].as<int>(1);
    if (node["emphasis"]) {
      profile.emphasis.clear();
      for (const std::string& stars : strings(node["emphasis"], "emphasis")) {
        if (stars != "1" && stars != "2" && stars != "3")
          fail(node["emphasis"], "'emphasis' lists star counts: 1, 2 or 3");
        profile.emphasis.push_back(stars[0] - '0');
      }
    }
    if (node["extra-sections"])
      profile.extra_sections = boolean(node["extra-sections"], "extra-sections");
    if (node["sections"]) read_sections(node["sections"], profile);
  }

  void read_sections(const YAML::Node& node, Profile& profile) const {
    if (!node.IsSequence()) fail(node, "'sections' must be a list");
    profile.sections.clear();
    for (const YAML::Node& item : node) {
      SectionSpec section;
      if (item.IsScalar()) {
        section.name = item.Scalar();
      } else {
        expect_keys(item, "section", {"name", "aliases"});
        section.name = scalar(require(item, "name"), "name");
        if (item["aliases"]) section.aliases = strings(item["aliases"], "aliases");
      }
      profile.sections.push_back(std::move(section));
    }
  }

  void expect_keys(const YAML::Node& node, std::string_view what,
                   std::initializer_list<std::string_view> keys) const {
    if (!node.IsMap()) fail(node, fmt::format("'{}' must be a map", what));
    for (const auto& item : node) {
      const std::string key = scalar(item.first, "key");
      if (std::find(keys.begin(), keys.end(), key) == keys.end())
        fail(item.first, fmt::format("unknown key '{}' in '{}' (expected {})", key, what,
                                     fmt::join(keys, ", ")));
    }
  }

  std::string path_;
  const ProfileSet& earlier_;
};

}  // namespace

ProfileSet load_profiles(const std::vector<PackSource>& packs) {
  ProfileSet set;
  for (const PackSource& pack : packs) {
    if (pack.is_data_file()) continue;
    const YAML::Node& root = pack.yaml();
    if (!root.IsMap() || !root["profiles"]) continue;
    const YAML::Node list = root["profiles"];
    if (!list.IsSequence())
      throw RuleError(location_of(pack.path, list), "'profiles' must be a list");
    std::set<std::string, std::less<>> in_this_pack;
    for (const YAML::Node& node : list) {
      auto profile = std::make_shared<const Profile>(ProfileReader(pack, set).read(node));
      // A later pack's profile of the same name replaces it; one pack naming two is a mistake.
      if (!in_this_pack.insert(profile->name).second) {
        throw RuleError(location_of(pack.path, node["name"]),
                        fmt::format("a second profile named '{}' in this pack", profile->name));
      }
      auto same = std::find_if(set.profiles.begin(), set.profiles.end(),
                               [&](const auto& p) { return p->name == profile->name; });
      if (same != set.profiles.end()) {
        *same = std::move(profile);
      } else {
        set.profiles.push_back(std::move(profile));
      }
    }
  }
  return set;
}

const ProfileSet& default_profile_set() {
  static const ProfileSet profiles = load_profiles(default_packs());
  return profiles;
}

}  // namespace digestlint
