"""Question mining without a framework: which questions keep coming back.

Texts in Lithuanian, Latvian, Polish, Russian and English are detected, normalised and
lemmatised (:mod:`~kliento.topics.text`), turned into character and word n-gram vectors
beside a static sentence embedding (:mod:`~kliento.topics.representation`,
:mod:`~kliento.topics.sentences`), and grouped into topics whose number is chosen from the
data unless it is given (:mod:`~kliento.topics.clustering`, :mod:`~kliento.topics.mining`).
Nothing here imports Django, and nothing is downloaded: the language model, the lemma
tables and the token embedding ship inside the ``py3langid``, ``simplemma`` and
``wordllama`` packages. Nothing is learnt from labelled questions.

The public API (callers outside this package use only these):

``text``
    ``prepare(text, language=None) -> PreparedText`` — masks e-mails, links, order ids
    and numbers, detects the language when not given, lemmatises and folds; ``.original``
    is the text unchanged, ``.language`` one of ``LANGUAGES``, ``.tokens`` the folded
    lemmas, ``.lemmas`` the same before folding, ``.joined`` the content words that the
    n-gram view is fitted on, ``.masked`` the text as written with the placeholders (what
    the sentence embedding reads). Also ``detect_language``, ``fold``, ``mask``.
``sentences``
    ``sentence_vectors(texts) -> ndarray`` — unit-length 256-dimensional rows, the mean
    of WordLlama's static token vectors, read from the files inside the installed wheel.
``representation``
    ``fit_representation(joined_texts, seed=0) -> Representation`` — character 2–5-gram
    and word 1–2-gram TF-IDF, reduced by LSA;
    ``Representation.embed(joined_texts, sentences=None, languages=None)`` gives
    unit-length rows (cosine similarity is their dot product): the LSA vector, and with
    ``sentences`` the sentence vector beside it, weighted by language
    (``SENTENCE_WEIGHTS``: English 0.8, others 0). ``.sparse`` gives the TF-IDF rows,
    ``.word_terms()`` the word vocabulary.
``clustering``
    ``cluster(vectors, count=None, seed=0) -> Clustering`` — spectral clustering of
    unit-length rows on their neighbour graph; ``count=None`` chooses the number by the
    graph's modularity (``modularity(adjacency, labels, resolution)``).
``mining``
    ``mine_topics(texts, clusters=None, languages=None, seed=0) -> TopicMining`` — the
    whole pipeline. ``.assignments`` holds a topic number per input text (``UNASSIGNED``,
    −1, for a text without a word), ``.topics`` the ``Topic``\\ s largest first, each with
    ``label`` and ``terms`` (distinctive words in the topic's own language), ``language``,
    ``languages`` (language, count), and ``typical``: input positions of up to five most
    typical questions. Before clustering, each language's mean vector is subtracted when
    the texts are in several languages, so that no topic is held together by language
    alone; ``Representation.embed`` itself does not do this, so centres built from its
    vectors are centres of the same topics in a slightly different space.
``csv_file``
    ``cluster_csv(path, text_column, out, clusters=None) -> CsvClustering`` — the
    ``kliento questions cluster`` command's work: reads, checks (``InputProblem`` with a
    message naming the file, column or count), mines, writes ``out`` and
    ``topics_path_for(out)``.

Quality and speed on banking77 are measured by ``bench/questions.py`` (``make bench``).
"""
