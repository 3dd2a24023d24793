"""The project's code, in four layers (lowest first; a module imports only its layer or lower):

* ``helpers.core``    data, numbers, rules, derive, audit, text and year helpers, paths, office identity
* ``helpers.present`` the table model and its renderers (HTML, XLSX, CSV), chart style, Markdown
* ``helpers.pages``   one module or package per notebook: what that page shows
* ``helpers.run``     the notebook glue (setup, Page.show), the batch runner, kernels

See docs/architecture.md.
"""
