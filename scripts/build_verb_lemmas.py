#!/usr/bin/env python3
"""Writes the lemmatizer's verb data from UD English EWT (train and dev; the
test file is kept for measuring): `crates/herald-nlp/data/verb_lemmas.txt`,
the verb lemmas the treebank uses, and `verb_stem_endings.tsv`, how the stem
left by stripping -ed or -ing becomes the lemma, by the stem's last letters
(kept, given back its "e", or a doubled consonant undone).

Usage: python3 scripts/build_verb_lemmas.py [TREEBANK_DIR]
(default ../shared/data/ud-english-ewt). Same input, same bytes."""
import collections
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
treebank = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, '..', '..', 'shared', 'data', 'ud-english-ewt')
out = os.path.join(here, '..', 'crates', 'herald-nlp', 'data')
HEADER = ("# source: derived by scripts/build_verb_lemmas.py from the LEMMA column of UD English EWT\n"
          "# (en_ewt-ud-train.conllu and en_ewt-ud-dev.conllu), CC BY-SA 4.0; see NOTICE\n"
          "# licence: CC BY-SA 4.0\n")


def words(path):
    for line in open(path, encoding='utf-8'):
        cols = line.rstrip('\n').split('\t')
        if len(cols) < 4 or '-' in cols[0] or '.' in cols[0]:
            continue
        yield cols[1].lower(), cols[2].lower(), cols[3]


def change(stem, lemma):
    if lemma == stem:
        return 'keep'
    if lemma == stem + 'e':
        return 'add_e'
    if len(stem) > 1 and stem[-1] == stem[-2] and lemma == stem[:-1]:
        return 'undouble'
    return None


verbs = [w for f in ('en_ewt-ud-train.conllu', 'en_ewt-ud-dev.conllu')
         for w in words(os.path.join(treebank, f)) if w[2] == 'VERB']
lemmas = {l for _, l, _ in verbs if l.isascii() and l.isalpha() and len(l) >= 2}


def inflected(lemma):
    """A lemma that is itself an inflection of another ("looking"): the treebank's slip."""
    for suffix in ('ing', 'ed'):
        stem = lemma[:-len(suffix)] if lemma.endswith(suffix) else None
        if stem and (stem in lemmas or stem + 'e' in lemmas):
            return True
    return False


lemmas = sorted(l for l in lemmas if not inflected(l))
endings = collections.defaultdict(collections.Counter)
for form, lemma, _ in verbs:
    for suffix in ('ing', 'ed'):
        if form.endswith(suffix) and len(form) > len(suffix) + 2:
            stem = form[:-len(suffix)]
            how = change(stem, lemma)
            if how is not None and stem.isascii() and stem.isalpha():
                for k in range(1, 5):
                    if len(stem) > k:
                        endings[stem[-k:]][how] += 1
            break
rules = []
for ending, counts in sorted(endings.items()):
    how, n = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0]
    total = sum(counts.values())
    # a rule only where the treebank is clear about it
    if total >= 2 and n / total >= 0.75:
        rules.append((ending, how))
with open(os.path.join(out, 'verb_lemmas.txt'), 'w', encoding='utf-8') as f:
    f.write(HEADER + '# one verb lemma a line\n')
    f.write(''.join(l + '\n' for l in lemmas))
with open(os.path.join(out, 'verb_stem_endings.tsv'), 'w', encoding='utf-8') as f:
    f.write(HEADER + '# columns: last letters of the stem left by -ed/-ing\thow it becomes the lemma (keep, add_e, undouble)\n')
    f.write(''.join(f'{e}\t{h}\n' for e, h in rules))
print(f'{len(lemmas)} verb lemmas, {len(rules)} stem endings')
