"""The sentence embedding is read from files inside the installed wheel, with no network."""

import subprocess
import sys
from pathlib import Path

import numpy as np

from kliento.topics import sentences
from kliento.topics.sentences import package_folder, sentence_vectors

# Run in a fresh interpreter so that nothing loaded earlier can hide a download: any
# socket, name lookup or HTTP connection fails (audit hooks see them all), the Hugging
# Face clients are told to stay offline, and the home directory (where wordllama would
# cache a download) is empty.
_OFFLINE = """
import sys
def refuse(event, args):
    if event.startswith(("socket.", "urllib.Request", "http.client.connect")):
        raise OSError(f"network access attempted: {event}")
sys.addaudithook(refuse)
from kliento.topics.sentences import sentence_vectors
vectors = sentence_vectors(["When will my card arrive?", "My card has not arrived yet",
                            "How do I change my password?"])
print(round(float(vectors[0] @ vectors[1]), 3), round(float(vectors[0] @ vectors[2]), 3))
print("wordllama" in sys.modules)
"""


def test_the_table_and_tokenizer_are_files_of_the_installed_package():
    folder = package_folder()
    assert "site-packages" in folder.parts or (folder / "__init__.py").exists()
    for relative in (sentences.WEIGHTS, sentences.TOKENIZER):
        assert (folder / relative).is_file() and (folder / relative).stat().st_size > 1_000_000


def test_the_embedding_loads_and_embeds_with_the_network_refused(tmp_path: Path):
    done = subprocess.run(
        [sys.executable, "-c", _OFFLINE], capture_output=True, text=True, timeout=120,
        cwd=tmp_path, env={"PYTHONPATH": str(Path(sentences.__file__).parents[2]),
                           "HOME": str(tmp_path), "HF_HUB_OFFLINE": "1",
                           "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    similar, different = (float(value) for value in done.stdout.split()[:2])
    # Meaning, not shared letters: the two card questions are near, the password one not.
    assert similar > 0.6 > different + 0.2
    # The wordllama module itself (which configures the root logger on import) is not run.
    assert done.stdout.split()[2] == "False"
    assert not any(tmp_path.iterdir())  # nothing cached in the empty home


def test_rows_are_unit_length_and_a_text_without_tokens_is_zero():
    vectors = sentence_vectors(["Where is my card?", "", "x" * 20_000])
    assert vectors.shape == (3, sentences.DIMENSIONS) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), [1, 0, 1], atol=1e-5)


def test_the_same_text_gives_the_same_vector_whatever_it_is_batched_with():
    alone = sentence_vectors(["Can I top up by bank transfer?"])
    together = sentence_vectors(["hello", "Can I top up by bank transfer?", "x" * 500])
    assert np.allclose(alone[0], together[1], atol=1e-6)

