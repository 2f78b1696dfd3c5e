"""webaudit's built-in checks: one module per check, named after its id (img-alt -> img_alt.py).

Each is registered in pyproject.toml under [project.entry-points."webaudit.checks"], the same
group third-party checks use. See webaudit.registry for the contract.
"""
