#pragma once
#include <string>
#include <string_view>
#include <vector>

// Comparing an entry with its arXiv record: titles and author lists as a reader would.
namespace digestlint::online {

// Lower case, accents folded, LaTeX markup and punctuation dropped, whitespace collapsed:
// "Emu3: Next-Token $\mathcal{P}$rediction" → "emu3 next token prediction".
std::string normalize_title(std::string_view title);

struct AuthorDifference {
  std::vector<std::string> missing;  // on the record, not in the entry (unless elided by `+`)
  std::vector<std::string> extra;    // in the entry, not on the record
  std::vector<std::pair<std::string, std::string>> misspelled;  // entry name, record name

  bool empty() const { return missing.empty() && extra.empty() && misspelled.empty(); }
  std::string describe() const;
};

// Compares names ignoring order, accents, case and initials ("J. Smith" is "John Smith"). A `+`
// in the entry stands for names left out, so record names it may cover are not missing.
AuthorDifference compare_authors(const std::vector<std::string>& entry_names,
                                 const std::vector<std::string>& record_names);

}  // namespace digestlint::online
