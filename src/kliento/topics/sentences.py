"""Sentence vectors from a static token embedding that ships inside a package wheel.

WordLlama (``wordllama`` on PyPI, MIT) bundles a 256-dimensional token embedding table
distilled from Llama 2 70B (``l2_supercat``) and its tokenizer as files in the package.
A sentence is the mean of its tokens' vectors: no neural network runs, 100,000 questions
take seconds, and nothing is downloaded. The files are read directly with ``safetensors``
and ``tokenizers`` (wordllama's own dependencies) rather than through ``WordLlama.load``:
importing the ``wordllama`` module configures the root logger, and its loader falls back to
the network when a file is not where it expects it. Here a missing file is an error.

The table knows English best; Russian and Polish a little, Lithuanian and Latvian hardly
(their words split into many short pieces), so :mod:`~kliento.topics.representation` gives
it less weight in those languages and leans on character n-grams there.

>>> vectors = sentence_vectors(["Where is my card?", "My card has not arrived", "", "!?"])
>>> vectors.shape, vectors.dtype.name
((4, 256), 'float32')
>>> [round(float(row @ row), 3) for row in vectors]
[1.0, 1.0, 0.0, 1.0]
"""

from collections.abc import Sequence
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

import numpy as np
from safetensors import safe_open
from scipy.sparse import csr_matrix
from sklearn.preprocessing import normalize
from tokenizers import Tokenizer

PACKAGE = "wordllama"
WEIGHTS = Path("weights") / "l2_supercat_256.safetensors"
TOKENIZER = Path("tokenizers") / "l2_supercat_tokenizer_config.json"
TENSOR = "embedding.weight"
DIMENSIONS = 256
# Only a question's opening counts: a pasted log of 10,000 characters would otherwise say
# more about the log than about what was asked.
MAX_CHARACTERS = 1_000


def package_folder() -> Path:
    """Where the package's files are installed, found without importing it."""
    spec = find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"The {PACKAGE} package is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


@lru_cache(maxsize=1)
def _model() -> tuple[Tokenizer, np.ndarray]:
    folder = package_folder()
    tokenizer = Tokenizer.from_file(str(folder / TOKENIZER))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    with safe_open(str(folder / WEIGHTS), framework="np") as weights:
        table = weights.get_tensor(TENSOR).astype(np.float32)
    return tokenizer, table


def sentence_vectors(texts: Sequence[str]) -> np.ndarray:
    """One unit-length float32 row per text (all zeros for a text without a token): the
    mean of its token vectors, so cosine similarity is the rows' dot product."""
    tokenizer, table = _model()
    encoded = tokenizer.encode_batch([text[:MAX_CHARACTERS] for text in texts],
                                     add_special_tokens=False)
    lengths = np.fromiter((len(item.ids) for item in encoded), dtype=np.int64,
                          count=len(encoded))
    ids = np.fromiter((token for item in encoded for token in item.ids), dtype=np.int64,
                      count=int(lengths.sum()))
    # Texts × vocabulary counts times the table: the sum of each text's token vectors
    # without padding every text to the longest one.
    counts = csr_matrix((np.ones(len(ids), dtype=np.float32), ids,
                         np.concatenate([[0], np.cumsum(lengths)])),
                        shape=(len(texts), table.shape[0]))
    return normalize(np.asarray(counts @ table, dtype=np.float32))
