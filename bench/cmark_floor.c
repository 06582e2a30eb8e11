/* The parse floor for bench/scale.py: reads each file named on the command line, parses it with
 * libcmark-gfm as GitHub-flavoured Markdown (its core extensions, as digestlint did when issue #11
 * set this floor) and the default allocator, and walks every node, on one thread. digestlint now
 * asks for less (the block extensions only, in an arena: src/parse/parser_arena.hpp), so it can
 * undercut this floor on the parse; the rest of its time is its own. */
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <stdio.h>
#include <stdlib.h>

static char* read_file(const char* path, size_t* size) {
  FILE* f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long length = ftell(f);
  fseek(f, 0, SEEK_SET);
  char* data = malloc((size_t)length + 1);
  *size = fread(data, 1, (size_t)length, f);
  fclose(f);
  return data;
}

int main(int argc, char** argv) {
  static const char* const kExtensions[] = {"table", "strikethrough", "autolink", "tagfilter"};
  cmark_gfm_core_extensions_ensure_registered();
  unsigned long nodes = 0;
  for (int i = 1; i < argc; ++i) {
    size_t size = 0;
    char* text = read_file(argv[i], &size);
    if (!text) {
      fprintf(stderr, "%s: cannot read\n", argv[i]);
      return 2;
    }
    cmark_parser* parser = cmark_parser_new(CMARK_OPT_DEFAULT);
    for (size_t k = 0; k < sizeof kExtensions / sizeof *kExtensions; ++k) {
      cmark_syntax_extension* extension = cmark_find_syntax_extension(kExtensions[k]);
      if (extension) cmark_parser_attach_syntax_extension(parser, extension);
    }
    cmark_parser_feed(parser, text, size);
    cmark_node* document = cmark_parser_finish(parser);
    cmark_iter* iter = cmark_iter_new(document);
    while (cmark_iter_next(iter) != CMARK_EVENT_DONE) ++nodes;
    cmark_iter_free(iter);
    cmark_node_free(document);
    cmark_parser_free(parser);
    free(text);
  }
  printf("%lu nodes\n", nodes);
  return 0;
}
