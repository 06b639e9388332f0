"""Putting a service's refusal back on the form the person filled in."""


def show_refusal(form, error):
    """Show a ``Refusal`` (or any ValidationError a service raised) on the form fields it names.

    Errors for fields the form does not have go on the form as a whole, so nothing is lost.
    The form must have been validated (``is_valid()``) first.
    """
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
