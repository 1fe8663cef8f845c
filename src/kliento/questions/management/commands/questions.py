"""``kliento questions cluster FILE.csv --text-column text [--clusters K] --out OUT.csv``:
group a file's questions into topics, for data teams (no database involved)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kliento.topics.csv_file import MAX_TEXT_CHARACTERS, InputProblem, cluster_csv


class Command(BaseCommand):
    help = "Find the recurring questions in a CSV file's text column."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        grouping = actions.add_parser(
            "cluster", help="write every row with its topic number, and the topics beside it")
        grouping.add_argument("file", type=Path, help="a UTF-8 CSV file with a header row")
        grouping.add_argument("--text-column", default="text",
                              help="the column holding the questions (default: text)")
        grouping.add_argument("--clusters", type=int, default=None,
                              help="how many topics (default: chosen from the data)")
        grouping.add_argument("--out", type=Path, required=True,
                              help="where to write the rows with their 'cluster' column")

    def handle(self, *args, action, file, text_column, clusters, out, **options):
        try:
            result = cluster_csv(file, text_column, out, clusters)
        except InputProblem as problem:
            raise CommandError(str(problem)) from problem
        how = "chosen from the data" if result.mining.chosen_automatically else "as asked"
        self.stdout.write(
            f"{result.rows} rows, {result.clustered} clustered into {result.mining.count} "
            f"topics ({how}).\nRows: {out}\nTopics: {result.topics_path}")
        if result.empty:
            self.stderr.write(f"{result.empty} rows have no words to cluster on (blank, digits "
                              "or symbols only): their 'cluster' is left blank.")
        if result.cut:
            self.stderr.write(f"{result.cut} texts are longer than {MAX_TEXT_CHARACTERS:,} "
                              "characters: only their beginning was used.")
        if result.one_word:
            self.stderr.write(f"{result.one_word} texts are a single word: their topic is "
                              "a guess from that word alone.")
