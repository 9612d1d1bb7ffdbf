#!/usr/bin/env python3
"""Write the ten official BIP39 wordlists into Sources/DeskCore/Safety/Wordlists/.

The lists come from the PyPI package `mnemonic` (the reference implementation by the BIP39
authors), so nothing is typed by hand. Install it into a throwaway virtual environment:

    python3 -m venv /tmp/safety-venv && /tmp/safety-venv/bin/pip install mnemonic==0.21
    /tmp/safety-venv/bin/python scripts/generate-bip39-wordlists.py

Each file has 2048 lines in UTF-8, exactly as published (some lists are NFKD). The script also
checks the properties the Swift scanner relies on, so a future list change fails loudly here:
  * Latin lists stay unique after accents are removed and letters lower-cased (the scanner
    matches "abaco" and "ábaco" to the same word);
  * Latin words have at most 12 letters, Japanese words at most 7 kana, Korean words at most
    4 syllables (the scanner packs a word into a 64-bit key);
  * Chinese words are single characters in the CJK Unified Ideographs block.
"""
import os
import sys
import unicodedata

from mnemonic import Mnemonic

LANGUAGES = [
    "english", "chinese_simplified", "chinese_traditional", "japanese", "korean",
    "spanish", "french", "italian", "czech", "portuguese",
]
LATIN = {"english", "spanish", "french", "italian", "czech", "portuguese"}

def fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()

def main() -> int:
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    out_dir = os.path.join(root, "Sources", "DeskCore", "Safety", "Wordlists")
    os.makedirs(out_dir, exist_ok=True)
    for language in LANGUAGES:
        words = Mnemonic(language).wordlist
        assert len(words) == 2048, (language, len(words))
        composed = [unicodedata.normalize("NFC", w) for w in words]
        if language in LATIN:
            folded = [fold(w) for w in words]
            assert len(set(folded)) == 2048, f"{language}: not unique without accents"
            assert all(f.isascii() and f.isalpha() and len(f) <= 12 for f in folded), language
        elif language == "japanese":
            assert all(len(w) <= 7 and all(0x3040 <= ord(c) <= 0x30FF for c in w) for w in composed)
        elif language == "korean":
            assert all(len(w) <= 4 and all(0xAC00 <= ord(c) <= 0xD7A3 for c in w) for w in composed)
        else:
            assert all(len(w) == 1 and 0x4E00 <= ord(w) <= 0x9FFF for w in composed), language
        with open(os.path.join(out_dir, language + ".txt"), "w", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(words) + "\n")
        print(f"{language}: {len(words)} words")
    return 0

if __name__ == "__main__":
    sys.exit(main())
