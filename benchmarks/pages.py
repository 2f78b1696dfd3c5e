"""A deterministic generator of realistic school staff pages (30-80 KB): navigation, a logo, headings,
Word-pasted paragraphs, photos with and without alt, a schedule table, a form, external links, footer.

    python benchmarks/pages.py OUTDIR [COUNT]     # writes COUNT pages (default 200)
"""
from __future__ import annotations

import random
import sys
from pathlib import Path

WORDS = ("students teachers learning classroom reading science math art music library homework project "
         "schedule field trip parents conference lunch recess assembly district board policy grade spring "
         "fall winter semester report card community volunteer garden robotics chorus band soccer").split()
FIRST = "Maria James Aisha Liam Sofia Noah Olivia Ethan Mia Lucas Emma Mateo Ava Elijah Chloe".split()
LAST = "Garcia Smith Johnson Lee Brown Martinez Davis Lopez Wilson Anderson Thomas Moore".split()


def sentence(rng: random.Random, n: int | None = None) -> str:
    words = [rng.choice(WORDS) for _ in range(n or rng.randint(8, 22))]
    return " ".join(words).capitalize() + "."


def paragraph(rng: random.Random) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(3, 7)))


def staff_page(i: int, site: str = "https://lincoln.k12.example.org") -> str:
    rng = random.Random(i)
    teacher = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    out = ['<!DOCTYPE html>', f'<html lang="{"en" if i % 7 else ""}">', "<head>", '<meta charset="utf-8">',
           f"<title>{'' if i % 11 == 0 else teacher + ' - Grade ' + str(i % 6 + 1)}</title>",
           '<link rel="stylesheet" href="/css/site.css">',
           f'<meta name="author" content="{teacher}">', "</head>", "<body>",
           '<header><a href="/"><img src="/img/logo.png" alt="Lincoln Elementary"></a>',
           '<nav aria-label="Main"><ul>']
    for n in range(rng.randint(15, 35)):
        out.append(f'<li><a href="/{rng.choice(WORDS)}/{n}.html">{rng.choice(WORDS).title()} {n}</a></li>')
    out.append('</ul></nav><button class="menu"><i class="fa fa-bars"></i></button></header>')
    out.append(f"<main><h1>{teacher}'s class page</h1>")
    level = 2
    for s in range(rng.randint(15, 32)):
        if rng.random() < 0.15:
            out.append(f'<p class="MsoNormal"><b><span style="font-size:14.0pt;mso-bidi-font-size:11pt">'
                       f'{sentence(rng, 4)}</span></b><o:p></o:p></p>')
        else:
            level = max(2, min(level + rng.choice((-1, 0, 0, 1)), 4))
            out.append(f"<h{level}>{sentence(rng, 4)}</h{level}>")
        for _ in range(rng.randint(2, 5)):
            out.append(f"<p>{paragraph(rng)}</p>")
        r = rng.random()
        if r < 0.3:
            alt = rng.choice(["", "photo", f"{rng.choice(WORDS)} {rng.choice(WORDS)} in the classroom", None])
            alt_attr = "" if alt is None else f' alt="{alt}"'
            out.append(f'<figure><img src="/media/{i}-{s}.jpg" width="640" height="480"{alt_attr}>'
                       f"<figcaption>{sentence(rng, 6)}</figcaption></figure>")
        elif r < 0.4:
            out.append(f'<p>Read more at <a href="https://www.{rng.choice(WORDS)}.org/">this site</a> or '
                       f'<a href="/docs/{i}-{s}.pdf">click here</a>.</p>')
        elif r < 0.5:
            rows = "".join(f"<tr><td>{d}</td><td>{rng.choice(WORDS)}</td><td>{rng.randint(1, 12)}:00</td></tr>"
                           for d in ("Mon", "Tue", "Wed", "Thu", "Fri"))
            head = "<tr><th>Day</th><th>Subject</th><th>Time</th></tr>" if rng.random() < 0.5 else ""
            out.append(f"<table>{head}{rows}</table>")
        elif r < 0.55:
            out.append('<form action="/contact"><input type="text" name="name" placeholder="Name">'
                       '<label for="e">Email</label><input id="e" type="email"><button type="submit">Send</button></form>')
    out.append("</main><footer><ul>")
    for n in range(rng.randint(10, 20)):
        out.append(f'<li><a href="https://partner{n}.example.com/">Partner {n}</a></li>')
    out.append(f"</ul><p>&copy; 2026 Lincoln Elementary. {paragraph(rng)}</p></footer></body></html>")
    return "\n".join(out)


def main() -> None:
    out = Path(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    out.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (out / f"staff-{i:05d}.html").write_text(staff_page(i), encoding="utf-8")


if __name__ == "__main__":
    main()
