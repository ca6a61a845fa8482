"""scripts/execute.py: what makes `make execute` byte-stable beyond a deterministic kernel."""

from __future__ import annotations

import nbformat

from scripts.execute import merge_streams


def stream(name, text):
    return nbformat.v4.new_output("stream", name=name, text=text)


def test_consecutive_pieces_of_one_stream_become_one_output():
    figure = nbformat.v4.new_output("display_data", data={"text/plain": "<Figure>"})
    outputs = [stream("stdout", "AND\n"), stream("stdout", "OR\n"), figure,
               stream("stdout", "XOR\n"), stream("stderr", "w1\n"), stream("stderr", "w2\n")]
    merged = merge_streams(outputs)
    assert [(o.output_type, o.get("name"), o.get("text")) for o in merged] == [
        ("stream", "stdout", "AND\nOR\n"), ("display_data", None, None),
        ("stream", "stdout", "XOR\n"), ("stream", "stderr", "w1\nw2\n")]
    assert merge_streams([]) == [] and merge_streams([figure]) == [figure]
