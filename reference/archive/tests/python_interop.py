"""Our zip writer's output opens in Python's zipfile, and Python's archives open in our reader."""
import os
import subprocess
import sys
import tempfile
import zipfile

tool = sys.argv[1]
with tempfile.TemporaryDirectory() as d:
    payload = os.path.join(d, "payload.json")
    with open(payload, "w") as f:
        f.write('{"name": "flow"}' * 200)
    ours = os.path.join(d, "ours.zip")
    subprocess.run([tool, "write", ours, f"a.json={payload}", f"dir/b.json={payload}"], check=True)
    with zipfile.ZipFile(ours) as z:
        assert z.testzip() is None, "bad CRC"
        assert z.namelist() == ["a.json", "dir/b.json"], z.namelist()
        assert z.read("a.json") == open(payload, "rb").read()

    theirs = os.path.join(d, "theirs.zip")
    with zipfile.ZipFile(theirs, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("x.json", "{}" * 1000)
        z.writestr("folder/", "")
        z.writestr("y.txt", "hello", compress_type=zipfile.ZIP_STORED)
    listed = subprocess.run([tool, "list", theirs], check=True, capture_output=True, text=True)
    assert listed.stdout == "x.json\t2000\ny.txt\t5\n", listed.stdout
print("ok: python zipfile and lfkit_archive agree")
